import { z } from 'zod';

/** Shared pieces of request and response schemas; each route file declares its own bodies. */
export const Id = z.uuid();
export const Timestamp = z.iso.datetime({ offset: true });
export const Handle = z
  .string()
  .trim()
  .transform((h) => h.replace(/^@/, '').toLowerCase())
  .pipe(
    z
      .string()
      .regex(/^[a-z0-9][a-z0-9_-]{1,29}$/, 'A handle is 2–30 letters, digits, "-" or "_", starting with a letter or digit'),
  );

export const PublicUserSchema = z.object({
  id: Id,
  handle: z.string(),
  name: z.string(),
  email: z.string(),
});

export const UserRef = z.object({ id: Id, handle: z.string(), name: z.string() });
export const ErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    field: z.string().optional(),
    details: z
      .array(z.object({ path: z.string(), message: z.string() }))
      .optional()
      .describe('Problems in uploaded content, each at a JSON Pointer into it (e.g. an invalid .ipynb)'),
  }),
});
