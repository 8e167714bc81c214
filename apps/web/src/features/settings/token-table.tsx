import { Table } from '@/components';
import { RelativeTime } from '@/features/shell/relative-time';
import cells from '@/features/shell/table-cells.module.css';
import { date } from '@/lib/format';
import type { TokenSummary } from '@/server/tokens';
import { RevokeTokenButton } from './revoke-token-button.tsx';
import styles from './tokens.module.css';

export function TokenTable({ tokens }: { tokens: TokenSummary[] }) {
  return (
    <Table aria-label="Personal access tokens" className={cells.middle}>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Token</th>
          <th scope="col">Created</th>
          <th scope="col">Last used</th>
          <th scope="col">Expires</th>
          <th scope="col" className={cells.end}>
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {tokens.map((token) => (
          <tr key={token.id}>
            <td className={cells.main}>{token.name}</td>
            <td>
              <code className={styles.prefix}>{token.prefix}…</code>
            </td>
            <td className={cells.muted}>{date(token.createdAt)}</td>
            <td className={cells.muted}>{token.lastUsedAt ? <RelativeTime iso={token.lastUsedAt} /> : 'Never'}</td>
            <td className={cells.muted}>{token.expiresAt ? date(token.expiresAt) : 'Never'}</td>
            <td className={cells.end}>
              <RevokeTokenButton tokenId={token.id} name={token.name} />
            </td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
