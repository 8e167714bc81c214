import { EmptyState } from '@/components';
import { LinkButton } from '@/features/shell/link-button';
import styles from './not-found.module.css';

export const metadata = { title: 'Not found' };

export default function NotFound() {
  return (
    <div className={styles.page}>
      <EmptyState
        title="This page isn't here"
        description="The link may be mistyped, or the notebook or group was deleted or isn't shared with you."
        action={
          <LinkButton href="/dashboard" variant="primary">
            Go to the dashboard
          </LinkButton>
        }
      />
    </div>
  );
}
