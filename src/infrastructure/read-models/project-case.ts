import { areaEvents } from '../../domain/area/events.js';
import { caseEvents } from '../../domain/case/events.js';
import { timelineOf, type TimelineEntry } from '../../domain/case/timeline.js';
import { caseFacts } from '../../projections/annual-return/case-facts.js';
import { caseloadEntry } from '../../projections/caseload/caseload-entry.js';
import { streams, type StoredEvent } from '../eventstore/eventstore.js';
import type { CaseOutputs, PopulationRow } from './read-models.js';

export const PROJECTED_PREFIXES = [streams.casePrefix, streams.areaPrefix] as const;

export const caseIdOf = (streamName: string) => streamName.slice(streams.casePrefix.length);
export const isCaseStream = (streamName: string) => streamName.startsWith(streams.casePrefix);

const schemaVersionOf = (e: StoredEvent) => Number(e.metadata['schemaVersion']);

/**
 * A stored case event as a timeline entry. Type and version are checked, so an event this
 * engine does not know stops the projection loudly (CHECKS P5) instead of being skipped.
 */
export function timelineEntry(e: StoredEvent): TimelineEntry {
  return {
    position: e.streamPosition,
    recordedAt: String(e.metadata['recordedAt']),
    event: caseEvents.decodeTrusted(e.type, schemaVersionOf(e), e.data),
  };
}

/** Everything the read models hold about one case, from its events alone. */
export function projectCase(caseId: string, entries: readonly TimelineEntry[]): CaseOutputs {
  const timeline = timelineOf(entries);
  const version = entries.reduce((max, e) => Math.max(max, e.position), -1);
  return { caseId, caseload: caseloadEntry(caseId, version, timeline), facts: caseFacts(timeline) };
}

export function populationRow(e: StoredEvent): PopulationRow {
  const event = areaEvents.decodeTrusted(e.type, schemaVersionOf(e), e.data);
  return { area: event.area, year: event.reportingYear, population: event.population, basis: event.basis, source: event.source };
}
