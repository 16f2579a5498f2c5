import { z } from 'zod';

/**
 * A personal value as the log stores it: sealed by the infrastructure under the subject's data
 * key (docs/DOMAIN.md section 13). The domain knows it only as this opaque form: it never opens
 * one, and no rule needs what it holds.
 */
export const sealedValue = z.strictObject({ sealed: z.string().regex(/^a1\.[A-Za-z0-9_-]+$/) });
export type SealedValue = z.infer<typeof sealedValue>;

export const isSealedValue = (value: unknown): value is SealedValue =>
  typeof value === 'object' && value !== null && typeof (value as { sealed?: unknown }).sealed === 'string';
