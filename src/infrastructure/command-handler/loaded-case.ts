import type { CaseEvent } from '../../domain/case/events.js';
import { evolve } from '../../domain/case/evolve-case.js';
import type { Prefix } from '../../domain/case/check-timeline.js';
import { insertIntoTimeline } from '../../domain/case/insert-into-timeline.js';
import { latestCase, timelineOf, type Timeline } from '../../domain/case/timeline.js';
import { type EventStreams } from '../eventstore/eventstore.js';
import { streams } from '../eventstore/stream-names.js';
import { metadataOf, type Stamp } from '../event-metadata.js';
import { timelineEntry } from '../stored-case-events.js';

/** What a response needs of an event already written: enough to answer a replayed request. */
export type WrittenEvent = {
  readonly eventId: string;
  readonly type: string;
  readonly streamPosition: number;
  readonly occurredOn: string;
  readonly recordedAt: string;
  readonly idempotencyKeyId: string | undefined;
};

export type LoadedCase = {
  readonly timeline: Timeline;
  /** The fold of the whole timeline (the case after every event), so a command dated last folds nothing. */
  readonly latest: Prefix;
  /** -1 when the case does not exist. */
  readonly version: number;
  readonly written: readonly WrittenEvent[];
  /** The latest recordedAt in the stream, so new events are never stamped earlier. */
  readonly lastRecordedAt: string | null;
};

export const NO_CASE: LoadedCase = { timeline: [], latest: { length: 0, state: null }, version: -1, written: [], lastRecordedAt: null };

/** A case's stream as a timeline. Events this engine wrote are trusted; type and version are still checked. */
export async function loadCase(store: EventStreams, caseId: string): Promise<LoadedCase> {
  const stored = await store.readStream(streams.case(caseId));
  let loaded = NO_CASE;
  const entries = [];
  const written: WrittenEvent[] = [];
  let lastRecordedAt: string | null = null;
  for (const e of stored) {
    const metadata = metadataOf(e);
    const entry = timelineEntry(e);
    entries.push(entry);
    written.push(writtenEvent(e.eventId, e.streamPosition, entry.event, metadata));
    if (lastRecordedAt === null || metadata.recordedAt > lastRecordedAt) lastRecordedAt = metadata.recordedAt;
  }
  if (stored.length > 0) {
    const timeline = timelineOf(entries);
    loaded = { timeline, latest: { length: timeline.length, state: latestCase(timeline) }, version: stored.length - 1, written, lastRecordedAt };
  }
  return loaded;
}

function writtenEvent(eventId: string, streamPosition: number, event: CaseEvent, metadata: Stamp): WrittenEvent {
  return { eventId, type: event.type, streamPosition, occurredOn: event.occurredOn, recordedAt: metadata.recordedAt, idempotencyKeyId: metadata.idempotency?.keyId };
}

/** The case after this handler appended events to it at the version it decided on. */
export function afterAppend(loaded: LoadedCase, appended: readonly { eventId: string; event: CaseEvent }[], metadata: Stamp): LoadedCase {
  let timeline = loaded.timeline;
  const written = [...loaded.written];
  const lastDate = timeline[timeline.length - 1]?.event.occurredOn;
  // Events dated on or after the last one land at the end: the fold continues; a backdated one refolds.
  let state = loaded.latest.state;
  const atTheEnd = appended.every(({ event }) => lastDate === undefined || event.occurredOn >= lastDate);
  appended.forEach(({ eventId, event }, i) => {
    const position = loaded.version + 1 + i;
    timeline = insertIntoTimeline(timeline, { position, recordedAt: metadata.recordedAt, event });
    written.push(writtenEvent(eventId, position, event, metadata));
    if (atTheEnd) state = evolve(state, event);
  });
  const latest = { length: timeline.length, state: atTheEnd ? state : latestCase(timeline) };
  return { timeline, latest, version: loaded.version + appended.length, written, lastRecordedAt: metadata.recordedAt };
}
