import { z } from 'zod';

/** Case ids are part of stream names and URLs: 1-64 of A-Za-z0-9_- (DOMAIN.md section 4). */
export const caseId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { message: 'must be 1-64 of A-Za-z0-9_-' });
export type CaseId = z.infer<typeof caseId>;

/** Ids a client chooses inside a case (basis, meeting, order, charge): the same alphabet. */
export const localId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { message: 'must be 1-64 of A-Za-z0-9_-' });

/** Free text that names something (a local unit, a subject reference): bounded, no control characters. */
export const label = z
  .string()
  .min(1)
  .max(120)
  .regex(/^[^\p{Cc}]*$/u, { message: 'must not contain control characters' });
