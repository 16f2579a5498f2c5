import type { BusinessDate } from '../shared/business-date.js';
import type { CaseEvent } from './events.js';
import { evolve, initialState } from './evolve-case.js';
import type { CaseState } from './state.js';

/**
 * One event of a case with its stream position (the tie-break between events of the same
 * business date) and, when known, the instant it was recorded (for "as known at").
 */
export type TimelineEntry = { readonly position: number; readonly event: CaseEvent; readonly recordedAt?: string };

/** A case's events in business-date order, ties by stream position (docs/DOMAIN.md section 2). */
export type Timeline = readonly TimelineEntry[];

export function compareEntries(a: TimelineEntry, b: TimelineEntry): number {
  const da = a.event.occurredOn;
  const db = b.event.occurredOn;
  return da < db ? -1 : da > db ? 1 : a.position - b.position;
}

export function timelineOf(entries: Iterable<TimelineEntry>): Timeline {
  return [...entries].sort(compareEntries);
}

/** The timeline as it was known at an instant: only events recorded by then (ISO-8601 UTC instants). */
export function knownAt(timeline: Timeline, instant: string): Timeline {
  return timeline.filter((e) => e.recordedAt === undefined || e.recordedAt <= instant);
}

/** The case at the end of a business day: the fold of every event dated up to and including it. */
export function caseOn(timeline: Timeline, date: BusinessDate): CaseState {
  let state: CaseState = initialState;
  for (const entry of timeline) {
    if (entry.event.occurredOn > date) break;
    state = evolve(state, entry.event);
  }
  return state;
}

/** The case after every event of its timeline (no event is dated after today). */
export function latestCase(timeline: Timeline): CaseState {
  let state: CaseState = initialState;
  for (const entry of timeline) state = evolve(state, entry.event);
  return state;
}

export function nextPosition(timeline: Timeline): number {
  let max = -1;
  for (const e of timeline) if (e.position > max) max = e.position;
  return max + 1;
}
