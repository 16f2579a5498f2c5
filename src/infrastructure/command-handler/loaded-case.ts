import type { AreaCode } from '../../domain/shared/areas.js';
import type { Prefix } from '../../domain/case/check-timeline.js';
import type { EventsRetracted } from '../../domain/case/corrections.js';
import { evolve } from '../../domain/case/evolve-case.js';
import type { CaseEvent } from '../../domain/case/events.js';
import { insertIntoTimeline } from '../../domain/case/insert-into-timeline.js';
import { standingTimeline, type RecordedEvent } from '../../domain/case/retraction.js';
import { latestCase, timelineOf, type Timeline } from '../../domain/case/timeline.js';
import { type EventStreams } from '../eventstore/eventstore.js';
import { streams } from '../eventstore/stream-names.js';
import { metadataOf, type Stamp } from '../event-metadata.js';
import { recordedEvent } from '../stored-case-events.js';

/** What a response needs of an event already written: enough to answer a replayed request. */
export type WrittenEvent = {
  readonly eventId: string;
  readonly type: string;
  readonly streamPosition: number;
  /** Absent on a retraction, which has no business date. */
  readonly occurredOn?: string;
  readonly recordedAt: string;
  readonly idempotencyKeyId: string | undefined;
};

export type LoadedCase = {
  /** The timeline that stands: retracted events left out (docs/DOMAIN.md section 10). */
  readonly timeline: Timeline;
  /** The fold of the whole timeline (the case after every event), so a command dated last folds nothing. */
  readonly latest: Prefix;
  /** -1 when the case does not exist. */
  readonly version: number;
  readonly written: readonly WrittenEvent[];
  /** Every event of the stream as recorded, retractions and retracted events included. */
  readonly records: readonly RecordedEvent[];
  /** The latest recordedAt in the stream, so new events are never stamped earlier. */
  readonly lastRecordedAt: string | null;
};

export const NO_CASE: LoadedCase = { timeline: [], latest: { length: 0, state: null }, version: -1, written: [], records: [], lastRecordedAt: null };

const isRetraction = (event: CaseEvent | EventsRetracted): event is EventsRetracted => event.type === 'EventsRetracted';

/** A case's stream as a timeline. Events this engine wrote are trusted; type and version are still checked. */
export async function loadCase(store: EventStreams, caseId: string): Promise<LoadedCase> {
  const stored = await store.readStream(streams.case(caseId));
  if (stored.length === 0) return NO_CASE;
  const records: RecordedEvent[] = [];
  const written: WrittenEvent[] = [];
  let lastRecordedAt: string | null = null;
  for (const e of stored) {
    const metadata = metadataOf(e);
    const record = recordedEvent(e);
    records.push(record);
    written.push(writtenEvent(e.eventId, e.streamPosition, record.event, metadata));
    if (lastRecordedAt === null || metadata.recordedAt > lastRecordedAt) lastRecordedAt = metadata.recordedAt;
  }
  return standing(records, written, stored.length - 1, lastRecordedAt);
}

function standing(records: readonly RecordedEvent[], written: readonly WrittenEvent[], version: number, lastRecordedAt: string | null): LoadedCase {
  const timeline = standingTimeline(records);
  return { timeline, latest: { length: timeline.length, state: latestCase(timeline) }, version, written, records, lastRecordedAt };
}

function writtenEvent(eventId: string, streamPosition: number, event: CaseEvent | EventsRetracted, metadata: Stamp): WrittenEvent {
  return {
    eventId,
    type: event.type,
    streamPosition,
    ...(!isRetraction(event) && { occurredOn: event.occurredOn }),
    recordedAt: metadata.recordedAt,
    idempotencyKeyId: metadata.idempotency?.keyId,
  };
}

/** The case after this handler appended events to it at the version it decided on. */
export function afterAppend(loaded: LoadedCase, appended: readonly { eventId: string; event: CaseEvent | EventsRetracted }[], metadata: Stamp): LoadedCase {
  const written = [...loaded.written];
  const records = [...loaded.records];
  appended.forEach(({ eventId, event }, i) => {
    const position = loaded.version + 1 + i;
    written.push(writtenEvent(eventId, position, event, metadata));
    records.push({ eventId, position, causationId: metadata.causationId, recordedAt: metadata.recordedAt, event });
  });
  const version = loaded.version + appended.length;
  // A retraction takes events out of the timeline: the case is folded again from what stands.
  if (appended.some(({ event }) => isRetraction(event))) return standing(records, written, version, metadata.recordedAt);
  let timeline = loaded.timeline;
  const lastDate = timeline[timeline.length - 1]?.event.occurredOn;
  // Events dated on or after the last one land at the end: the fold continues; a backdated one refolds.
  let state = loaded.latest.state;
  const added = appended.map(({ event }) => event as CaseEvent);
  const atTheEnd = added.every((event) => lastDate === undefined || event.occurredOn >= lastDate);
  added.forEach((event, i) => {
    timeline = insertIntoTimeline(timeline, { position: loaded.version + 1 + i, recordedAt: metadata.recordedAt, event });
    if (atTheEnd) state = evolve(state, event);
  });
  const latest = { length: timeline.length, state: atTheEnd ? state : latestCase(timeline) };
  return { timeline, latest, version, written, records, lastRecordedAt: metadata.recordedAt };
}

/**
 * The area whose people may see the case: where it is managed now, or, for a case whose every
 * event was retracted (absent everywhere but its history), where it was managed as recorded.
 */
export function managedArea(loaded: LoadedCase): AreaCode | undefined {
  if (loaded.latest.state !== null) return loaded.latest.state.area;
  const asRecorded = loaded.records.flatMap((r) => (isRetraction(r.event) ? [] : [{ position: r.position, event: r.event }]));
  return asRecorded.length === 0 ? undefined : (latestCase(timelineOf(asRecorded))?.area ?? undefined);
}
