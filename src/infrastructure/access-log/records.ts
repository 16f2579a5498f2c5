import { z } from 'zod';
import { caseId } from '../../domain/shared/ids.js';
import { eventCatalog } from '../../domain/shared/event-catalog.js';
import { safeText } from '../../domain/shared/safe-text.js';
import { actor } from '../auth/actor.js';

/**
 * The access log (Data Protection Act 2018 s.62, logging of consultation): one record per
 * read of case-level data, and one per read of the log itself. Records are events in their
 * own streams, one per UTC day, so the log is as durable and immutable as the cases it
 * describes. A shipped shape never changes: a new shape is a new schema version.
 */
export const ACCESS_STREAM_PREFIX = 'mappa-access-';

export const accessStream = (at: string) => `${ACCESS_STREAM_PREFIX}${at.slice(0, 10)}`;

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
  /** `case`: a case's state; `case-events`: its history; `caseload`: a listing of cases. */
  resource: z.enum(['case', 'case-events', 'caseload']),
  caseIds: z.array(caseId),
  query: recordedQuery,
  purpose: purpose.optional(),
  requestId: z.string().min(1).max(200),
});

export const accessLogRead = z.strictObject({
  type: z.literal('AccessLogRead'),
  at: z.iso.datetime(),
  actor,
  channel: accessChannel,
  query: recordedQuery,
  purpose: purpose.optional(),
  requestId: z.string().min(1).max(200),
});

export const accessRecord = z.discriminatedUnion('type', [caseDataRead, accessLogRead]);
export type AccessRecord = z.infer<typeof accessRecord>;
export type CaseDataRead = z.infer<typeof caseDataRead>;

export const accessRecords = eventCatalog<AccessRecord>(accessRecord, {}, {});
