import { evolve } from '../../../src/domain/case/evolve-case.js';
import type { CaseEvent } from '../../../src/domain/case/events.js';
import type { CaseState } from '../../../src/domain/case/state.js';
import { knownAt as asKnownAt, timelineOf, type Timeline } from '../../../src/domain/case/timeline.js';
import { validateAfter, validateEvent } from '../../../src/domain/case/validate.js';
import type { AnnualReturn, ReturnFormat } from '../../../src/projections/annual-return/return-types.js';
import { caseFacts, type CaseFacts } from '../../../src/projections/annual-return/case-facts.js';
import { returnFromCaseFacts } from '../../../src/projections/annual-return/assemble-return.js';

/** A case's events with the instant each was recorded (default: its own business date, at noon). */
export type RecordedEvent = CaseEvent & { recordedAt?: string };

/** given(case histories).returnFor(year, area): the return as the rules compute it from the events alone. */
export function given(...cases: RecordedEvent[][]) {
  return {
    returnFor(reportingYear: string, area = 'cumbria', options: { format?: ReturnFormat; knownAt?: string; populations?: Record<string, number> } = {}) {
      const facts = cases
        .map((events) =>
          timelineOf(events.map(({ recordedAt, ...event }, position) => ({ position, event: event as CaseEvent, recordedAt: recordedAt ?? `${event.occurredOn}T12:00:00.000Z` }))),
        )
        .map(mustBeValid)
        .map((timeline) => caseFacts(options.knownAt ? asKnownAt(timeline, options.knownAt) : timeline))
        .filter((f): f is CaseFacts => f !== null);
      const result = returnFromCaseFacts({ area, reportingYear, format: options.format, knownAt: options.knownAt ?? null }, facts, options.populations ?? {});
      return { result, row: (id: string) => row(result, id) };
    },
  };
}

export function row(result: AnnualReturn, id: string): Readonly<Record<string, number | null>> {
  const found = result.rows.find((r) => r.id === id);
  if (!found) throw new Error(`no row ${id} in format ${result.format}`);
  return found.cells;
}

/** Test histories must be ones the decider could have accepted, or the counts they test mean nothing. */
function mustBeValid(timeline: Timeline): Timeline {
  let state: CaseState = null;
  for (const { event } of timeline) {
    const error = validateEvent(state, event) ?? validateAfter((state = evolve(state, event)), event);
    if (error) throw new Error(`invalid test history at ${event.type} on ${event.occurredOn}: ${error.code}`);
  }
  return timeline;
}
