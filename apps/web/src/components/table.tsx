import type { ComponentProps, ReactNode } from 'react';
import styles from './table.module.css';

export interface TableProps extends Omit<ComponentProps<'table'>, 'children'> {
  caption?: ReactNode;
  /** <thead>, <tbody> and their rows; th and td are styled by the table. */
  children: ReactNode;
}

/** A compact data table that scrolls sideways inside its own box when too wide. */
export function Table({ caption, children, className, ...rest }: TableProps) {
  return (
    <div className={styles.scroll}>
      <table {...rest} className={[styles.table, className].filter(Boolean).join(' ')}>
        {caption && <caption className={styles.caption}>{caption}</caption>}
        {children}
      </table>
    </div>
  );
}
