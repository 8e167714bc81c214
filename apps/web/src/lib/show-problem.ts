import type { ToastOptions } from '@/components';
import type { ApiProblem } from './api-client.ts';

export type FieldErrors<F extends string> = Partial<Record<F, string>>;

/** Puts an API error under the form field it names, or in a toast when it names none of them. */
export function showProblem<F extends string>(
  problem: ApiProblem,
  fields: readonly F[],
  setErrors: (errors: FieldErrors<F>) => void,
  toast: (options: ToastOptions) => void,
): void {
  const field = fields.find((name) => name === problem.field);
  if (field) {
    // The API prefixes validation messages with the field name ("title: ..."); under the field it is redundant.
    setErrors({ [field]: problem.message.replace(new RegExp(`^${field}: `), '') } as FieldErrors<F>);
  } else {
    setErrors({});
    toast({ message: problem.message, tone: 'error' });
  }
}
