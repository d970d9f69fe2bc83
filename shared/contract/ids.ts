import { z } from 'zod';

// UUIDv7 in canonical text form; generated on the seat so offline branches never collide.
export const Id = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, {
  error: 'validation.id',
});
export type Id = z.infer<typeof Id>;

/** UTC epoch milliseconds. */
export const EpochMs = z.number().int().nonnegative();
