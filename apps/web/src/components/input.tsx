'use client';

import { useId } from 'react';
import type { ComponentProps, ReactNode } from 'react';
import styles from './input.module.css';

interface FieldOwnProps {
  label: ReactNode;
  name: string;
  /** Shown under the control; marks it aria-invalid. */
  error?: string | undefined;
  hint?: string | undefined;
}

export type FieldProps = FieldOwnProps & Omit<ComponentProps<'input'>, 'name'>;
export type SelectProps = FieldOwnProps & Omit<ComponentProps<'select'>, 'name'>;

/** Ids and ARIA wiring shared by Field and Select. */
function useFieldIds(id: string | undefined, hint?: string, error?: string, describedBy?: string) {
  const generated = useId();
  const controlId = id ?? generated;
  const hintId = hint ? `${controlId}-hint` : undefined;
  const errorId = error ? `${controlId}-error` : undefined;
  return {
    controlId,
    hintId,
    errorId,
    aria: {
      'aria-invalid': error ? true : undefined,
      'aria-describedby': [describedBy, hintId, errorId].filter(Boolean).join(' ') || undefined,
    },
  };
}

function FieldFrame(props: {
  controlId: string;
  label: ReactNode;
  hint: string | undefined;
  hintId: string | undefined;
  error: string | undefined;
  errorId: string | undefined;
  children: ReactNode;
}) {
  return (
    <div className={styles.field}>
      <label htmlFor={props.controlId} className={styles.label}>
        {props.label}
      </label>
      {props.children}
      {props.hint && (
        <p id={props.hintId} className={styles.hint}>
          {props.hint}
        </p>
      )}
      {props.error && (
        <p id={props.errorId} className={styles.error}>
          {props.error}
        </p>
      )}
    </div>
  );
}

export function Field({ label, error, hint, id, className, 'aria-describedby': describedBy, ...rest }: FieldProps) {
  const { controlId, hintId, errorId, aria } = useFieldIds(id, hint, error, describedBy);
  return (
    <FieldFrame controlId={controlId} label={label} hint={hint} hintId={hintId} error={error} errorId={errorId}>
      <input
        {...rest}
        {...aria}
        id={controlId}
        className={[styles.control, className].filter(Boolean).join(' ')}
      />
    </FieldFrame>
  );
}

export function Select({ label, error, hint, id, className, 'aria-describedby': describedBy, ...rest }: SelectProps) {
  const { controlId, hintId, errorId, aria } = useFieldIds(id, hint, error, describedBy);
  return (
    <FieldFrame controlId={controlId} label={label} hint={hint} hintId={hintId} error={error} errorId={errorId}>
      <select
        {...rest}
        {...aria}
        id={controlId}
        className={[styles.control, styles.select, className].filter(Boolean).join(' ')}
      />
    </FieldFrame>
  );
}
