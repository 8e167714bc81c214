import Link from 'next/link';
import type { ReactNode } from 'react';
import styles from './page-header.module.css';

export interface Crumb {
  label: string;
  href: string;
}

export interface PageHeaderProps {
  title: ReactNode;
  /** Ancestors of this page, outermost first; the title is the current page. */
  breadcrumb?: Crumb[];
  actions?: ReactNode;
}

export function PageHeader({ title, breadcrumb, actions }: PageHeaderProps) {
  return (
    <header className={styles.header}>
      <div className={styles.heading}>
        {breadcrumb && breadcrumb.length > 0 && (
          <nav aria-label="Breadcrumb">
            <ol className={styles.breadcrumb}>
              {breadcrumb.map((crumb) => (
                <li key={crumb.href}>
                  <Link href={crumb.href}>{crumb.label}</Link>
                </li>
              ))}
            </ol>
          </nav>
        )}
        <h1 className={styles.title}>{title}</h1>
      </div>
      {actions && <div className={styles.actions}>{actions}</div>}
    </header>
  );
}
