import { z } from 'zod';
import { businessDate, storedBusinessDate } from '../shared/business-date.js';
import { eventCatalog } from '../shared/event-versioning.js';
import { safeText } from '../shared/safe-text.js';

/**
 * Erasure and retention review (docs/DOMAIN.md section 13). These are not facts of the case's
 * timeline: they go in a stream of their own per case, `mappa-subject-<caseId>`, so the
 * projections, the returns and the caseload never see them (docs/CHECKS.md K6). They have no
 * business date: `recordedAt` dates them.
 *
 * The `reason` is kept in clear, not sealed under the subject's key: the record of an erasure
 * must outlive what it erased (DPA 2018 s.62 and the auditors' question "why was this erased?").
 * So it is short safe label text, and it must not hold personal data (the wire format says so).
 */
export const retentionOutcome = z.enum(['retain', 'restrict', 'dispose']);
export type RetentionOutcome = z.infer<typeof retentionOutcome>;

const REASON_MAX = 200;
const storedReason = z.string().min(1).max(REASON_MAX);
const givenReason = safeText(REASON_MAX).describe('Why, in a few words; no personal data (it is kept in clear, for the audit)');

export const subjectDataErased = z.strictObject({ type: z.literal('SubjectDataErased'), reason: storedReason });

export const retentionReviewRecorded = z.strictObject({
  type: z.literal('RetentionReviewRecorded'),
  outcome: retentionOutcome,
  reason: storedReason,
  nextReviewDue: storedBusinessDate.optional(),
});

export const dataProtectionEvent = z.discriminatedUnion('type', [subjectDataErased, retentionReviewRecorded]);
export type DataProtectionEvent = z.infer<typeof dataProtectionEvent>;
export type SubjectDataErased = z.infer<typeof subjectDataErased>;
export type RetentionReviewRecorded = z.infer<typeof retentionReviewRecorded>;

/** Stored forms of the data-protection family: every one at its first version. */
export const dataProtectionEvents = eventCatalog<DataProtectionEvent>(dataProtectionEvent, {}, {});

/** The wire format of the data-protection commands (role `data-protection`). */
export const eraseSubjectData = z.strictObject({ type: z.literal('EraseSubjectData'), reason: givenReason });

export const recordRetentionReview = z
  .strictObject({
    type: z.literal('RecordRetentionReview'),
    outcome: retentionOutcome,
    reason: givenReason,
    nextReviewDue: businessDate.optional().describe('Required when retaining: the day the case is next due for review (after today)'),
  })
  .superRefine((c, ctx) => {
    if (c.outcome === 'retain' && c.nextReviewDue === undefined) {
      ctx.addIssue({ code: 'custom', path: ['nextReviewDue'], message: 'is required when the outcome is retain' });
    }
    if (c.outcome === 'dispose' && c.nextReviewDue !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['nextReviewDue'], message: 'must be absent when the outcome is dispose (nothing is left to review)' });
    }
  });

export const dataProtectionCommand = z.discriminatedUnion('type', [eraseSubjectData, recordRetentionReview]);
export type DataProtectionCommand = z.infer<typeof dataProtectionCommand>;
export type EraseSubjectData = z.infer<typeof eraseSubjectData>;
export type RecordRetentionReview = z.infer<typeof recordRetentionReview>;

export const DATA_PROTECTION_COMMAND_TYPES = ['EraseSubjectData', 'RecordRetentionReview'] as const;
export const isDataProtectionCommand = (command: { readonly type: string }): command is DataProtectionCommand =>
  (DATA_PROTECTION_COMMAND_TYPES as readonly string[]).includes(command.type);
