import Link from 'next/link';
import type { ReactNode } from 'react';
import styles from './app-shell.module.css';

export interface AppShellProps {
  /** Right side of the top bar: user menu, theme toggle, actions. */
  actions?: ReactNode;
  children: ReactNode;
}

/** Thin top bar and centred content. Has no hooks, so server layouts can use it. */
export function AppShell({ actions, children }: AppShellProps) {
  return (
    <div className={styles.shell}>
      <a href="#main" className={styles.skip}>
        Skip to content
      </a>
      <header className={styles.topbar}>
        <Link href="/dashboard" className={styles.wordmark}>
          Cohort
        </Link>
        {actions && <div className={styles.actions}>{actions}</div>}
      </header>
      <main id="main" tabIndex={-1} className={styles.main}>
        {children}
      </main>
    </div>
  );
}
