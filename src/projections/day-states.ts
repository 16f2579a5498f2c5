import { evolve, initialState } from '../domain/case/evolve-case.js';
import type { Case, CaseState } from '../domain/case/state.js';
import type { Timeline } from '../domain/case/timeline.js';
import { addDays, type BusinessDate } from '../domain/shared/business-date.js';

/** The case at the end of each business day on which it has events: caseOn, indexed for repeated questions. */
export type DayStates = { readonly dates: readonly BusinessDate[]; readonly states: readonly Case[] };

export function dayStates(timeline: Timeline): DayStates {
  return foldedDays(timeline).days;
}

/** The day states with the fold's last state (null before the referral), so later events can extend them. */
export type FoldedDays = { readonly days: DayStates; readonly state: CaseState };

export function foldedDays(timeline: Timeline): FoldedDays {
  return extendDays({ days: { dates: [], states: [] }, state: initialState }, timeline);
}

/**
 * The day states of a timeline extended by events that all come after it in timeline order
 * (dated on or after its last day, later in the stream): the fold goes on from where it stood,
 * so a long case dated forward costs its new events only. `folded` is left as it was.
 */
export function extendDays(folded: FoldedDays, after: Timeline): FoldedDays {
  const dates = [...folded.days.dates];
  const states = [...folded.days.states];
  let state = folded.state;
  for (const { event } of after) {
    state = evolve(state, event);
    if (state === null) continue;
    if (dates[dates.length - 1] === event.occurredOn) states[states.length - 1] = state;
    else {
      dates.push(event.occurredOn);
      states.push(state);
    }
  }
  return { days: { dates, states }, state };
}

/** caseOn(timeline, date): the state at the end of the last event day on or before `date`. */
export function stateOn(days: DayStates, date: BusinessDate): Case | null {
  let lo = 0;
  let hi = days.dates.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (days.dates[mid]! <= date) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? null : days.states[lo - 1]!;
}

/**
 * The days from which what the case is can change: its event days, and the days its bases
 * start and lapse, up to `until`. Between two of them the state and everything derived from it
 * are constant. Dates compare as text only while their years have four digits: the day after
 * 9999-12-31 is written 10000-01-01, so such a day is beyond any `until`.
 */
export function changePoints(days: DayStates, until?: BusinessDate): BusinessDate[] {
  const points = new Set<BusinessDate>(days.dates);
  const last = days.states[days.states.length - 1];
  for (const b of last?.bases ?? []) {
    points.add(b.start);
    if (b.lastDay !== null) points.add(addDays(b.lastDay, 1));
  }
  const kept = until === undefined ? [...points] : [...points].filter((p) => p.length === until.length && p <= until);
  return kept.sort();
}
