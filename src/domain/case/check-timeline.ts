import type { BusinessDate } from '../shared/business-date.js';
import type { DomainError } from '../shared/domain-error.js';
import { evolve, initialState } from './evolve-case.js';
import type { CaseEvent } from './events.js';
import { insertIntoTimeline } from './insert-into-timeline.js';
import type { CaseState } from './state.js';
import { nextPosition, type Timeline, type TimelineEntry } from './timeline.js';
import { validateAfter, validateEvent } from './validate.js';

/**
 * Inserts new events at their business date and re-checks the timeline from the first of
 * them on: every event must be valid against the state just before it, so a backdated
 * command is refused when any later fact would no longer hold.
 */
export function checkInsertion(timeline: Timeline, events: readonly CaseEvent[], prefix?: Prefix): DomainError | null {
  const first = nextPosition(timeline);
  let merged = timeline;
  events.forEach((event, i) => {
    merged = insertIntoTimeline(merged, { position: first + i, event });
  });
  const start = merged.findIndex((e) => e.position >= first);
  let state: CaseState = prefix && prefix.length === start ? prefix.state : foldFirst(merged, start);
  for (let i = start; i < merged.length; i++) {
    const entry = merged[i]!;
    const before = validateEvent(state, entry.event);
    if (before) return withLaterFact(before, entry, first);
    state = evolve(state, entry.event);
    const after = validateAfter(state, entry.event);
    if (after) return withLaterFact(after, entry, first);
  }
  return null;
}

/** The fold of a timeline's first `length` entries, when the caller already has it (null: no case yet). */
export type Prefix = { readonly length: number; readonly state: CaseState };

/**
 * The case at the end of a business day as a prefix of its timeline: the events dated up to and
 * including that day, and their fold (taken from `known` when it is that very prefix).
 */
export function prefixOn(timeline: Timeline, date: BusinessDate, known?: Prefix): Prefix {
  // The timeline is in date order: the first entry dated after `date` by bisection.
  let length = 0;
  let after = timeline.length;
  while (length < after) {
    const mid = (length + after) >>> 1;
    if (timeline[mid]!.event.occurredOn <= date) length = mid + 1;
    else after = mid;
  }
  return known !== undefined && known.length === length ? known : { length, state: foldFirst(timeline, length) };
}

function foldFirst(timeline: Timeline, length: number): CaseState {
  let state: CaseState = initialState;
  for (let i = 0; i < length; i++) state = evolve(state, timeline[i]!.event);
  return state;
}

function withLaterFact(error: DomainError, entry: TimelineEntry, firstNew: number): DomainError {
  if (entry.position >= firstNew) return error;
  const laterFact = { type: entry.event.type, occurredOn: entry.event.occurredOn, position: entry.position };
  return { ...error, message: `it would contradict a later fact (${laterFact.type} on ${laterFact.occurredOn}): ${error.message}`, laterFact };
}

/**
 * Checks a whole timeline from its first event, as after a retraction: the first fact that no
 * longer holds is named as the later fact the change would contradict.
 */
export function checkWholeTimeline(timeline: Timeline): DomainError | null {
  let state: CaseState = null;
  for (const entry of timeline) {
    const error = validateEvent(state, entry.event) ?? validateAfter((state = evolve(state, entry.event)), entry.event);
    if (error) return withLaterFact(error, entry, Number.POSITIVE_INFINITY);
  }
  return null;
}
