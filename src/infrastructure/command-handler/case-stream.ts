import { caseEvents, type CaseEvent } from '../../domain/case/events.js';
import { evolve } from '../../domain/case/evolve.js';
import { timelineOf, type Timeline } from '../../domain/case/timeline.js';
import { streams, type EventStore, type StoredEvent } from '../eventstore/eventstore.js';
import type { EventMetadata } from './event-metadata.js';

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
  /** -1 when the case does not exist. */
  readonly version: number;
  readonly written: readonly WrittenEvent[];
  /** The latest recordedAt in the stream, so new events are never stamped earlier. */
  readonly lastRecordedAt: string | null;
};

export const NO_CASE: LoadedCase = { timeline: [], version: -1, written: [], lastRecordedAt: null };

export const metadataOf = (event: StoredEvent) => event.metadata as unknown as EventMetadata;

/** A case's stream as a timeline. Events this engine wrote are trusted; type and version are still checked. */
export async function loadCase(store: EventStore, caseId: string): Promise<LoadedCase> {
  const stored = await store.readStream(streams.case(caseId));
  let loaded = NO_CASE;
  const entries = [];
  const written: WrittenEvent[] = [];
  let lastRecordedAt: string | null = null;
  for (const e of stored) {
    const metadata = metadataOf(e);
    const event = caseEvents.decodeTrusted(e.type, metadata.schemaVersion, e.data);
    entries.push({ position: e.streamPosition, recordedAt: metadata.recordedAt, event });
    written.push(writtenEvent(e.eventId, e.streamPosition, event, metadata));
    if (lastRecordedAt === null || metadata.recordedAt > lastRecordedAt) lastRecordedAt = metadata.recordedAt;
  }
  if (stored.length > 0) loaded = { timeline: timelineOf(entries), version: stored.length - 1, written, lastRecordedAt };
  return loaded;
}

export function writtenEvent(eventId: string, streamPosition: number, event: CaseEvent, metadata: EventMetadata): WrittenEvent {
  return { eventId, type: event.type, streamPosition, occurredOn: event.occurredOn, recordedAt: metadata.recordedAt, idempotencyKeyId: metadata.idempotency?.keyId };
}

/** The case after this handler appended events to it at the version it decided on. */
export function afterAppend(loaded: LoadedCase, appended: readonly { eventId: string; event: CaseEvent }[], metadata: EventMetadata): LoadedCase {
  let timeline = loaded.timeline;
  const written = [...loaded.written];
  appended.forEach(({ eventId, event }, i) => {
    const position = loaded.version + 1 + i;
    timeline = evolve(timeline, { position, recordedAt: metadata.recordedAt, event });
    written.push(writtenEvent(eventId, position, event, metadata));
  });
  return { timeline, version: loaded.version + appended.length, written, lastRecordedAt: metadata.recordedAt };
}
