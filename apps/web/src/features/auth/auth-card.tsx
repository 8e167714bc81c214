import type { ReactNode } from 'react';
import styles from './auth-card.module.css';

/** The one-column frame of the sign-in and sign-up pages. */
export function AuthCard({ title, subtitle, footer, children }: { title: string; subtitle: string; footer: ReactNode; children: ReactNode }) {
  return (
    <div className={styles.page}>
      <section className={styles.card} aria-labelledby="auth-title">
        <h1 id="auth-title" className={styles.title}>
          {title}
        </h1>
        <p className={styles.subtitle}>{subtitle}</p>
        {children}
      </section>
      <p className={styles.footer}>{footer}</p>
    </div>
  );
}
