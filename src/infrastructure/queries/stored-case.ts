import { timelineOf, type Timeline } from '../../domain/case/timeline.js';
import { type EventStreams, type StoredEvent } from '../eventstore/eventstore.js';
import { streams } from '../eventstore/stream-names.js';
import { standingEntries } from '../stored-case-events.js';

/** A case's stream as stored (for its history) and as a timeline (for its state); reads only. */
export type CaseStream = {
  readonly stored: readonly StoredEvent[];
  readonly timeline: Timeline;
  /** -1 when the case does not exist. */
  readonly version: number;
};

export async function readCaseStream(store: EventStreams, caseId: string): Promise<CaseStream> {
  const stored = await store.readStream(streams.case(caseId));
  const timeline = timelineOf(standingEntries(stored));
  return { stored, timeline, version: stored.length - 1 };
}
