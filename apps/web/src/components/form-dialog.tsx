'use client';

import type { FormEvent, ReactNode } from 'react';
import { Button, type ButtonSize, type ButtonVariant } from './button';
import { Dialog } from './dialog';

export interface FormDialogProps {
  /** The button that opens the dialog. */
  trigger: { label: ReactNode; variant?: ButtonVariant; size?: ButtonSize };
  open: boolean;
  onOpen(): void;
  onClose(): void;
  title: string;
  /** Links the footer's submit button to the form. */
  formId: string;
  submitLabel: string;
  pending: boolean;
  onSubmit(event: FormEvent<HTMLFormElement>): void;
  /** The form's fields. */
  children: ReactNode;
}

/** A button that opens a dialog holding one form, with Cancel and a submit button in the footer. */
export function FormDialog({ trigger, open, onOpen, onClose, title, formId, submitLabel, pending, onSubmit, children }: FormDialogProps) {
  return (
    <>
      <Button variant={trigger.variant} size={trigger.size} onClick={onOpen}>
        {trigger.label}
      </Button>
      <Dialog
        open={open}
        onClose={onClose}
        title={title}
        footer={
          <>
            <Button onClick={onClose}>Cancel</Button>
            <Button type="submit" form={formId} variant="primary" loading={pending}>
              {submitLabel}
            </Button>
          </>
        }
      >
        {open && (
          <form id={formId} onSubmit={onSubmit} noValidate>
            {children}
          </form>
        )}
      </Dialog>
    </>
  );
}
