'use client';

import { ConfirmButton } from '@/features/shell/confirm-button';
import { useApiAction } from '@/lib/use-api-action';

export function RevokeTokenButton({ tokenId, name }: { tokenId: string; name: string }) {
  const { run } = useApiAction();
  return (
    <ConfirmButton
      label="Revoke"
      ariaLabel={`Revoke ${name}`}
      variant="ghost"
      size="sm"
      title={`Revoke “${name}”?`}
      confirmLabel="Revoke token"
      onConfirm={async () => (await run('DELETE', `/tokens/${tokenId}`, undefined, `“${name}” revoked`)).ok}
    >
      <p>Scripts and tools using this token stop working at once. This cannot be undone.</p>
    </ConfirmButton>
  );
}
