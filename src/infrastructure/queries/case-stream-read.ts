import { caseEvents } from '../../domain/case/events.js';
import { timelineOf, type Timeline } from '../../domain/case/timeline.js';
import type { EventMetadata } from '../command-handler/event-metadata.js';
import { streams, type EventStore, type StoredEvent } from '../eventstore/eventstore.js';

/** A case's stream as stored (for its history) and as a timeline (for its state); reads only. */
export type CaseStream = {
  readonly stored: readonly StoredEvent[];
  readonly timeline: Timeline;
  /** -1 when the case does not exist. */
  readonly version: number;
};

export const storedMetadata = (event: StoredEvent) => event.metadata as unknown as EventMetadata;

export async function readCaseStream(store: EventStore, caseId: string): Promise<CaseStream> {
  const stored = await store.readStream(streams.case(caseId));
  const timeline = timelineOf(
    stored.map((event) => {
      const metadata = storedMetadata(event);
      return { position: event.streamPosition, recordedAt: metadata.recordedAt, event: caseEvents.decodeTrusted(event.type, metadata.schemaVersion, event.data) };
    }),
  );
  return { stored, timeline, version: stored.length - 1 };
}
