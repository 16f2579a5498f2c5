import { z } from 'zod';
import { safeText } from './safe-text.js';

/** Case ids are part of stream names and URLs: 1-64 of A-Za-z0-9_- (docs/DOMAIN.md section 4). */
export const caseId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { message: 'must be 1-64 of A-Za-z0-9_-' });
export type CaseId = z.infer<typeof caseId>;

/** Ids a client chooses inside a case (basis, meeting, order, charge): the same alphabet. */
export const localId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { message: 'must be 1-64 of A-Za-z0-9_-' });

/** Free text that names something (a local unit, a subject reference), on the wire: safe label text. */
export const label = safeText(120);

/** The same as stored in events: bounded, no control characters (what the log may already hold). */
export const storedLabel = z
  .string()
  .min(1)
  .max(120)
  .regex(/^[^\p{Cc}]*$/u, { message: 'must not contain control characters' });
