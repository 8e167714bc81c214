'use client';

import { Button } from '@/components';
import { useApiAction } from '@/lib/use-api-action';

export function RestoreButton({ notebookId, title }: { notebookId: string; title: string }) {
  const { run, pending } = useApiAction();
  return (
    <Button
      size="sm"
      loading={pending}
      aria-label={`Restore ${title}`}
      onClick={() => void run('POST', `/notebooks/${notebookId}/restore`, undefined, `Restored “${title}”`)}
    >
      Restore
    </Button>
  );
}
