import type { RecordedEvent } from '../../domain/case/retraction.js';
import { timelineOf, type Timeline } from '../../domain/case/timeline.js';
import { type EventStreams, type StoredEvent } from '../eventstore/eventstore.js';
import { streams } from '../eventstore/stream-names.js';
import { recordedEvent, standingEntries } from '../stored-case-events.js';

/** A case's stream as stored (for its history) and as a timeline (for its state); reads only. */
export type CaseStream = {
  readonly stored: readonly StoredEvent[];
  /** The timeline that stands: retracted events left out. */
  readonly timeline: Timeline;
  readonly records: readonly RecordedEvent[];
  /** -1 when the case does not exist. */
  readonly version: number;
};

export async function readCaseStream(store: EventStreams, caseId: string): Promise<CaseStream> {
  const stored = await store.readStream(streams.case(caseId));
  const timeline = timelineOf(standingEntries(stored));
  return { stored, timeline, records: stored.map(recordedEvent), version: stored.length - 1 };
}
