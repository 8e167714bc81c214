import { Card, EmptyState, Field, PageHeader } from '@/components';
import { CreateTokenForm } from '@/features/settings/create-token-form';
import { TokenTable } from '@/features/settings/token-table';
import { Section } from '@/features/shell/section';
import { serverContext } from '@/server/context';
import { requireUser } from '@/server/page-session';
import { listTokens } from '@/server/tokens';
import styles from './settings.module.css';

export const metadata = { title: 'Settings' };

export default async function SettingsPage() {
  const user = await requireUser('/settings');
  const tokens = await listTokens(serverContext().db, user.id);
  return (
    <>
      <PageHeader title="Settings" />
      <div className={styles.profile}>
        <Card title="Profile">
          <div className={styles.profileFields}>
            {/* One field per cell, so the fields take no stacking margin. */}
            <div>
              <Field label="Name" name="name" value={user.name} readOnly />
            </div>
            <div>
              <Field label="Handle" name="handle" value={`@${user.handle}`} readOnly />
            </div>
            <div>
              <Field label="E-mail" name="email" value={user.email} readOnly />
            </div>
          </div>
        </Card>
      </div>
      <Section title="Personal access tokens">
        <p className={styles.intro}>
          Tokens let scripts and tools call the Cohort API as you: send one as <code>Authorization: Bearer &lt;token&gt;</code>.
        </p>
        <CreateTokenForm />
        {tokens.length ? <TokenTable tokens={tokens} /> : <EmptyState title="No tokens" description="Tokens you create are listed here until they expire or you revoke them." />}
      </Section>
    </>
  );
}
