import { areaEvents } from '../../domain/area/events.js';
import { compareEntries, timelineOf, type Timeline, type TimelineEntry } from '../../domain/case/timeline.js';
import { caseFacts } from '../../projections/annual-return/case-facts.js';
import { caseloadEntryOf } from '../../projections/caseload/caseload-entry.js';
import { extendDays, foldedDays, type FoldedDays } from '../../projections/day-states.js';
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
 * One case folded for the read models, kept by the live runner beside its stream so that the
 * next events of a long case extend the fold instead of folding the case again.
 */
export type FoldedCase = {
  /** The timeline that stands, in timeline order. */
  readonly timeline: Timeline;
  readonly folded: FoldedDays;
  /** The highest stream position that stands (the caseload entry's version). */
  readonly version: number;
  readonly outputs: CaseOutputs;
};

/**
 * Everything the read models hold about one case, from its events alone. The case is folded
 * once: its day-by-day states give the return facts, and the last of them the caseload entry.
 */
export function projectCase(caseId: string, entries: readonly TimelineEntry[]): CaseOutputs {
  return foldCase(caseId, entries).outputs;
}

export function foldCase(caseId: string, entries: readonly TimelineEntry[]): FoldedCase {
  const timeline = inTimelineOrder(entries) ? entries : timelineOf(entries);
  let version = -1;
  for (const e of entries) if (e.position > version) version = e.position;
  return outputsOf(caseId, timeline, foldedDays(timeline), version);
}

/**
 * The fold of a case after events that stand (no retraction among them), extended from its fold
 * before them when they all come after its timeline (dated on or after its last day, as most
 * commands are); undefined when one is backdated, which the caller folds again whole. Equal to
 * foldCase of the whole standing timeline either way: the facts are still computed whole from
 * the day states, only the fold of the events into them is saved.
 */
export function extendCase(caseId: string, before: FoldedCase, added: readonly TimelineEntry[]): FoldedCase | undefined {
  const previous = before.timeline[before.timeline.length - 1];
  for (let i = 0; i < added.length; i++) {
    const earlier = i === 0 ? previous : added[i - 1];
    if (earlier !== undefined && compareEntries(earlier, added[i]!) > 0) return undefined;
  }
  let version = before.version;
  for (const e of added) if (e.position > version) version = e.position;
  return outputsOf(caseId, [...before.timeline, ...added], extendDays(before.folded, added), version);
}

function outputsOf(caseId: string, timeline: Timeline, folded: FoldedDays, version: number): FoldedCase {
  const days = folded.days;
  const latest = days.states.length > 0 ? days.states[days.states.length - 1]! : null;
  return { timeline, folded, version, outputs: { caseId, caseload: caseloadEntryOf(caseId, version, latest), facts: caseFacts(timeline, days) } };
}

export function populationRow(e: StoredEvent): PopulationRow {
  const event = areaEvents.decodeTrusted(e.type, schemaVersionOf(e), e.data);
  return { area: event.area, year: event.reportingYear, population: event.population, basis: event.basis, source: event.source };
}
