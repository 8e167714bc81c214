import type { NotebookContent } from '@cohort/notebook';

/** A version as GET /notebooks/{id}/versions lists it. */
export interface Version {
  id: string;
  /** null for an automatic version. */
  name: string | null;
  automatic: boolean;
  createdAt: string;
  createdBy: { id: string; handle: string; name: string } | null;
}

export interface VersionWithContent extends Version {
  content: NotebookContent;
}

/** How a version is called in the UI. */
export function versionTitle(version: Version): string {
  return version.name ?? 'Automatic version';
}
