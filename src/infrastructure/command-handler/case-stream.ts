import { caseEvents } from '../../domain/case/events.js';
import { timelineOf, type Timeline } from '../../domain/case/timeline.js';
import { streams, type EventStore, type StoredEvent } from '../eventstore/eventstore.js';
import type { EventMetadata } from './event-metadata.js';

export type LoadedCase = {
  readonly timeline: Timeline;
  /** -1 when the case does not exist. */
  readonly version: number;
  readonly stored: readonly StoredEvent[];
  /** The latest recordedAt in the stream, so new events are never stamped earlier. */
  readonly lastRecordedAt: string | null;
};

export const metadataOf = (event: StoredEvent) => event.metadata as unknown as EventMetadata;

/** A case's stream as a timeline. Events this engine wrote are trusted; type and version are still checked. */
export async function loadCase(store: EventStore, caseId: string): Promise<LoadedCase> {
  const stored = await store.readStream(streams.case(caseId));
  let lastRecordedAt: string | null = null;
  const entries = stored.map((e) => {
    const metadata = metadataOf(e);
    if (lastRecordedAt === null || metadata.recordedAt > lastRecordedAt) lastRecordedAt = metadata.recordedAt;
    return {
      position: e.streamPosition,
      recordedAt: metadata.recordedAt,
      event: caseEvents.decodeTrusted(e.type, metadata.schemaVersion, e.data),
    };
  });
  return { timeline: timelineOf(entries), version: stored.length - 1, stored, lastRecordedAt };
}
