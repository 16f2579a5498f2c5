import { z } from 'zod';
import { RULE_CODES } from '../../domain/shared/domain-error.js';

/** What the client is told about one command: the handler's result, rendered by HTTP and CLI alike. */
export const acceptedEvent = z.strictObject({
  eventId: z.string(),
  type: z.string(),
  /** Absent on a retraction (EventsRetracted), which has no business date. */
  occurredOn: z.string().optional(),
  recordedAt: z.string(),
});
export type AcceptedEvent = z.infer<typeof acceptedEvent>;

export const commandOutcome = z.discriminatedUnion('kind', [
  /** 201 with events, 200 without (an accepted command that changed nothing). */
  z.strictObject({ kind: z.literal('accepted'), caseId: z.string(), version: z.int(), events: z.array(acceptedEvent) }),
  /** A rule refused the command: 404 for case-not-found, 400 naming `field` when one is at fault, 422 otherwise. */
  z.strictObject({
    kind: z.literal('refused'),
    code: z.enum(RULE_CODES),
    message: z.string(),
    laterFact: z.strictObject({ type: z.string(), occurredOn: z.string(), position: z.int() }).optional(),
    field: z.string().optional(),
  }),
  /** If-Match named another version: 412. */
  z.strictObject({ kind: z.literal('version-mismatch'), expected: z.int(), actual: z.int() }),
]);
export type CommandOutcome = z.infer<typeof commandOutcome>;

/**
 * Outcomes that are not kept for an idempotency key: a conflict still contested after the
 * bounded retries (409), a key reused for another request (422), and an area the caller's
 * token does not cover (403: a retry with another token may go through). Nothing was written.
 * `referral-area`: a referral names an area outside the caller's; `areas-changed`: the command
 * would change the records of such an area (the case's area on its date, or a charge's).
 */
type TransientOutcome =
  | { readonly kind: 'conflict'; readonly attempts: number }
  | { readonly kind: 'idempotency-key-reused' }
  | { readonly kind: 'area-not-permitted'; readonly reason: 'referral-area' | 'areas-changed' };

export type HandledCommand = (CommandOutcome | TransientOutcome) & { readonly replayed: boolean };
