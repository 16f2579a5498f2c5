import { correctionEvents } from '../domain/case/corrections.js';
import { caseEvents } from '../domain/case/event-versions.js';
import { standingTimeline, type RecordedEvent } from '../domain/case/retraction.js';
import type { Timeline, TimelineEntry } from '../domain/case/timeline.js';
import { metadataOf } from './event-metadata.js';
import type { StoredEvent } from './eventstore/eventstore.js';

const RETRACTION = 'EventsRetracted';

export const isRetraction = (e: StoredEvent) => e.type === RETRACTION;

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

/** A stored event of a case's stream, a retraction included, as the domain's corrections read it. */
export function recordedEvent(e: StoredEvent): RecordedEvent {
  const { schemaVersion, recordedAt, causationId } = metadataOf(e);
  const version = Number(schemaVersion);
  const event = e.type === RETRACTION ? correctionEvents.decodeTrusted(e.type, version, e.data) : caseEvents.decodeTrusted(e.type, version, e.data);
  return {
    eventId: e.eventId,
    position: e.streamPosition,
    event,
    ...(causationId !== undefined && { causationId }),
    ...(recordedAt !== undefined && { recordedAt }),
  };
}

/**
 * A case's stream as the timeline that stands now: retracted events and the retractions
 * themselves left out (docs/DOMAIN.md section 10). Without a retraction every stored event
 * stands, in stream order (callers put them in timeline order).
 */
export function standingEntries(stream: readonly StoredEvent[], toEntry: (e: StoredEvent) => TimelineEntry = timelineEntry): Timeline {
  if (!stream.some(isRetraction)) return stream.map(toEntry);
  return standingTimeline(stream.map(recordedEvent));
}
