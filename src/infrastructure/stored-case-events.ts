import { caseEvents } from '../domain/case/events.js';
import type { TimelineEntry } from '../domain/case/timeline.js';
import type { EventMetadata } from './command-handler/event-metadata.js';
import type { StoredEvent } from './eventstore/eventstore.js';

/** The metadata this engine writes on case events (validated when written, so only cast here). */
export const metadataOf = (e: StoredEvent) => e.metadata as unknown as EventMetadata;

/**
 * A stored case event as a timeline entry, for the handler, the queries and the projections
 * alike. Events this engine wrote are trusted, but type and version are still checked: an
 * event it does not know fails loudly (docs/CHECKS.md P5) instead of being skipped.
 */
export function timelineEntry(e: StoredEvent): TimelineEntry {
  const { schemaVersion, recordedAt } = metadataOf(e);
  return { position: e.streamPosition, recordedAt, event: caseEvents.decodeTrusted(e.type, Number(schemaVersion), e.data) };
}

/**
 * The same entry without `recordedAt` (only "as known at" questions read it), for a whole-log
 * projection: the stored event is dropped afterwards, so its data becomes the event uncopied.
 */
export function projectedEntry(e: StoredEvent): TimelineEntry {
  return { position: e.streamPosition, event: caseEvents.adoptTrusted(e.type, Number(metadataOf(e).schemaVersion), e.data) };
}
