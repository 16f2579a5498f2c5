import { standingOf, type DatedDataProtectionEvent, type SubjectStanding } from '../../domain/data-protection/decide.js';
import { dataProtectionEvents, type DataProtectionEvent } from '../../domain/data-protection/events.js';
import { londonDate } from '../clock.js';
import { decodeStored, metadataOf } from '../event-metadata.js';
import type { EventStreams, StoredEvent } from '../eventstore/eventstore.js';
import { streams } from '../eventstore/stream-names.js';

/** One event of a case's data-protection stream, as the handler and the reads need it. */
export type SubjectRecord = DatedDataProtectionEvent & {
  readonly eventId: string;
  readonly position: number;
  readonly recordedAt: string;
  readonly idempotencyKeyId: string | undefined;
};

/** The data-protection stream of a case (`mappa-subject-<caseId>`): its events, version (-1: none) and what they leave. */
export type SubjectStream = { readonly version: number; readonly records: readonly SubjectRecord[]; readonly standing: SubjectStanding };

export function subjectRecord(e: StoredEvent): SubjectRecord {
  const event: DataProtectionEvent = decodeStored(dataProtectionEvents, e);
  const metadata = metadataOf(e);
  return {
    event,
    recordedOn: londonDate(new Date(metadata.recordedAt)),
    eventId: e.eventId,
    position: e.streamPosition,
    recordedAt: metadata.recordedAt,
    idempotencyKeyId: metadata.idempotency?.keyId,
  };
}

/**
 * Read whole: a subject stream holds a handful of events (an erasure, a review every few years),
 * and read from the log it is never behind a write (a restriction takes effect on the next read,
 * in every process).
 */
export async function readSubjectStream(store: Pick<EventStreams, 'readStream'>, caseId: string): Promise<SubjectStream> {
  const records = (await store.readStream(streams.subject(caseId))).map(subjectRecord);
  return { version: records.length - 1, records, standing: standingOf(records) };
}
