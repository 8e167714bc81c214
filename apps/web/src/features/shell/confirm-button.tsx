'use client';

import { useState, type ReactNode } from 'react';
import { Button, Dialog, type ButtonSize, type ButtonVariant } from '@/components';

export interface ConfirmButtonProps {
  /** The button that opens the confirmation. */
  label: string;
  /** Accessible name of the opening button, when the label alone is ambiguous (e.g. "Remove" in a table row). */
  ariaLabel?: string;
  variant?: ButtonVariant;
  size?: ButtonSize;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /** Resolves true when done (the dialog closes), false to keep it open (the error was shown). */
  onConfirm: () => Promise<boolean>;
}

/** A button for an action that is hard to undo: it asks first, in a dialog. */
export function ConfirmButton({ label, ariaLabel, variant = 'secondary', size = 'md', title, children, confirmLabel, onConfirm }: ConfirmButtonProps) {
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);

  async function confirm() {
    setPending(true);
    const done = await onConfirm();
    setPending(false);
    if (done) setOpen(false);
  }

  return (
    <>
      <Button variant={variant} size={size} aria-label={ariaLabel} onClick={() => setOpen(true)}>
        {label}
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title={title}
        footer={
          <>
            <Button onClick={() => setOpen(false)}>Cancel</Button>
            <Button variant="danger" loading={pending} onClick={() => void confirm()}>
              {confirmLabel}
            </Button>
          </>
        }
      >
        {children}
      </Dialog>
    </>
  );
}
