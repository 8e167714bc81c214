import type { ReactNode } from 'react';
import styles from './page-intro.module.css';

/** A line of context under a PageHeader. */
export function PageIntro({ children }: { children: ReactNode }) {
  return <p className={styles.intro}>{children}</p>;
}
