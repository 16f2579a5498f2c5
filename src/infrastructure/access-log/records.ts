import { z } from 'zod';
import { caseId } from '../../domain/shared/ids.js';
import { eventCatalog } from '../../domain/shared/event-versioning.js';
import { safeText } from '../../domain/shared/safe-text.js';
import { actor } from '../auth/actor.js';
import { streams } from '../eventstore/stream-names.js';

/**
 * The access log (Data Protection Act 2018 s.62, logging of consultation): one record per
 * read of case-level data, and one per read of the log itself. Records are events in their
 * own streams, one per UTC day, so the log is as durable and immutable as the cases it
 * describes. A shipped shape never changes: a new shape is a new schema version.
 */
export const ACCESS_STREAM_PREFIX = streams.accessPrefix;

/**
 * A writer's stream for one UTC day: each writer (a server process, a `mappa replay`) appends
 * only to its own, at the exact version its last append left, so a retried append is recognised
 * by its position (which EventStoreDB checks from the stream itself, across restarts) and a
 * record is never stored twice. Readers take every stream under the prefix, in log order.
 */
export const accessStream = streams.access;

/** Where the read came from: the HTTP API or an operator at the command line (`mappa replay`). */
export const accessChannel = z.enum(['http', 'cli']);

/** The query as asked, values as strings: only the parameters a route validated and used. */
export const recordedQuery = z.record(z.string().max(64), z.string().max(500));
export type RecordedQuery = z.infer<typeof recordedQuery>;

/** Why: the X-Purpose header (optional, free text written by the client), as stored. */
export const purpose = z.string().min(1).max(200);

/** Why, as a reader gives it (X-Purpose, `mappa replay --purpose`): safe label text. */
export const givenPurpose = safeText(200);

export const caseDataRead = z.strictObject({
  type: z.literal('CaseDataRead'),
  at: z.iso.datetime(),
  actor,
  channel: accessChannel,
  /**
   * `case`: a case's state; `case-events`: its history; `caseload`: a listing of cases;
   * `command-outcome` (v2): a command's answer that wrote nothing but told of the case's state
   * (a rule's refusal, a version mismatch, an accepted command that changed nothing);
   * `return-revisions` (v3): the cases behind the revised figures of a submitted return;
   * `retention-due` (v4): the cases due for a retention review (docs/DOMAIN.md section 13).
   */
  resource: z.enum(['case', 'case-events', 'caseload', 'command-outcome', 'return-revisions', 'retention-due']),
  caseIds: z.array(caseId),
  query: recordedQuery,
  purpose: purpose.optional(),
  /** The server's id of the request. */
  requestId: z.string().min(1).max(200),
  /** The caller's own X-Request-Id, when it sent one (v2). */
  clientRequestId: z.string().min(1).max(200).optional(),
});

export const accessLogRead = z.strictObject({
  type: z.literal('AccessLogRead'),
  at: z.iso.datetime(),
  actor,
  channel: accessChannel,
  query: recordedQuery,
  purpose: purpose.optional(),
  requestId: z.string().min(1).max(200),
  /** The caller's own X-Request-Id, when it sent one (v2). */
  clientRequestId: z.string().min(1).max(200).optional(),
});

/**
 * A data-protection decision on a case (docs/DOMAIN.md section 13): an erasure, or a retention
 * review with its outcome. Its event is in the case's data-protection stream; this record puts it
 * in the log auditors read, beside the reads, with the reason (in clear, like the event's: it holds
 * no personal data) and never anything of the subject.
 */
export const dataProtectionRecorded = z.strictObject({
  type: z.literal('DataProtectionRecorded'),
  at: z.iso.datetime(),
  actor,
  channel: accessChannel,
  caseId,
  /** `erase`: EraseSubjectData; otherwise the outcome of a RecordRetentionReview. */
  outcome: z.enum(['erase', 'retain', 'restrict', 'dispose']),
  reason: z.string().min(1).max(200),
  nextReviewDue: z.string().max(10).optional(),
  requestId: z.string().min(1).max(200),
  clientRequestId: z.string().min(1).max(200).optional(),
});

export const accessRecord = z.discriminatedUnion('type', [caseDataRead, accessLogRead, dataProtectionRecorded]);
export type AccessRecord = z.infer<typeof accessRecord>;
export type CaseDataRead = z.infer<typeof caseDataRead>;
export type DataProtectionRecorded = z.infer<typeof dataProtectionRecorded>;

/**
 * v2 of both records adds the optional `clientRequestId` (and a CaseDataRead `resource`,
 * `command-outcome`): a v1 record is a valid v2 record as it stands. v3 of CaseDataRead adds the
 * resource `return-revisions`: a v2 record is a valid v3 record as it stands; v4 adds the resource
 * `retention-due`: a v3 record is a valid v4 record as it stands. DataProtectionRecorded came at v1.
 */
const unchanged = (data: Record<string, unknown>) => data;

export const accessRecords = eventCatalog<AccessRecord>(
  accessRecord,
  { CaseDataRead: 4, AccessLogRead: 2 },
  { CaseDataRead: { 1: unchanged, 2: unchanged, 3: unchanged }, AccessLogRead: { 1: unchanged } },
);
