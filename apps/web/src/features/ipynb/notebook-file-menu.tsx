'use client';

import { Menu } from '@/components';

/** The notebook header's "File" menu: download as .ipynb (the server names the file after the notebook). */
export function NotebookFileMenu({ notebookId }: { notebookId: string }) {
  function download() {
    const link = document.createElement('a');
    link.href = `/api/v1/notebooks/${notebookId}/ipynb`;
    link.download = '';
    link.click();
  }
  return <Menu label="File" align="end" items={[{ label: 'Download .ipynb', onSelect: download }]} />;
}
