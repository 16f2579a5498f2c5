import { areaEvents } from '../../domain/area/events.js';
import { compareEntries, timelineOf, type TimelineEntry } from '../../domain/case/timeline.js';
import { caseFacts } from '../../projections/annual-return/case-facts.js';
import { caseloadEntryOf } from '../../projections/caseload/caseload-entry.js';
import { dayStates } from '../../projections/day-states.js';
import { type StoredEvent } from '../eventstore/eventstore.js';
import { streams } from '../eventstore/stream-names.js';
import { schemaVersionOf } from '../event-metadata.js';
import type { CaseOutputs, PopulationRow } from './read-models.js';

/** What the returns fold: the cases and the areas' populations. */
export const PROJECTED_PREFIXES = [streams.casePrefix, streams.areaPrefix] as const;

/**
 * What the case projections follow: those, and the cases' data-protection streams, whose
 * standing (restricted, erased, last review) they keep for the retention listing and to leave
 * restricted cases out of listings (docs/DOMAIN.md section 13). The returns never read them.
 */
export const FOLLOWED_PREFIXES = [...PROJECTED_PREFIXES, streams.subjectPrefix] as const;

export const caseIdOf = (streamName: string) => streamName.slice(streams.casePrefix.length);
export const isCaseStream = (streamName: string) => streamName.startsWith(streams.casePrefix);

/** All a rebuild reads of an event's metadata (ReadStreamsOptions.metadataFields). */
export const PROJECTED_METADATA = ['schemaVersion'] as const;

/** Whether entries are already in timeline order: a stream is, unless a command was backdated. */
function inTimelineOrder(entries: readonly TimelineEntry[]): boolean {
  for (let i = 1; i < entries.length; i++) if (compareEntries(entries[i - 1]!, entries[i]!) > 0) return false;
  return true;
}

/** The fold of one case into what the read models hold about it (projectCase; tests give others). */
export type CaseProjector = (caseId: string, entries: readonly TimelineEntry[]) => CaseOutputs;

/**
 * Everything the read models hold about one case, from its events alone. The case is folded
 * once: its day-by-day states give the return facts, and the last of them the caseload entry.
 */
export function projectCase(caseId: string, entries: readonly TimelineEntry[]): CaseOutputs {
  const timeline = inTimelineOrder(entries) ? entries : timelineOf(entries);
  let version = -1;
  for (const e of entries) if (e.position > version) version = e.position;
  const days = dayStates(timeline);
  const latest = days.states.length > 0 ? days.states[days.states.length - 1]! : null;
  return { caseId, caseload: caseloadEntryOf(caseId, version, latest), facts: caseFacts(timeline, days) };
}

export function populationRow(e: StoredEvent): PopulationRow {
  const event = areaEvents.decodeTrusted(e.type, schemaVersionOf(e), e.data);
  return { area: event.area, year: event.reportingYear, population: event.population, basis: event.basis, source: event.source };
}
