import fc from 'fast-check';
import type { CaseCommand } from '../../src/domain/case/commands.js';
import { NATIONAL } from '../../src/domain/shared/areas.js';
import { manualClock } from '../../src/infrastructure/clock.js';
import { caseCommandHandler } from '../../src/infrastructure/command-handler/handle-case-command.js';
import { recordAreaPopulation } from '../../src/infrastructure/command-handler/record-area-population.js';
import type { EventStore } from '../../src/infrastructure/eventstore/eventstore.js';
import { streams } from '../../src/infrastructure/eventstore/stream-names.js';
import type { ReturnsQuestion } from '../../src/infrastructure/read-models/known-at-answers.js';
import type { AnnualReturn } from '../../src/projections/annual-return/return-types.js';
import { AREAS, caseScript } from './case-history.arbitrary.js';

/**
 * Generated logs for the known-at index's tests: cases' commands, retractions of one or all of
 * a case's events, and populations, recorded over months with several at one instant now and then.
 */
export type ManualClock = ReturnType<typeof manualClock>;

export const LOG_START = Date.UTC(2032, 0, 1, 12);
const actor = { id: 'recorder', role: 'coordinator', agency: 'police' } as const;
export const yearOf = (y: number) => `${y}-${String((y + 1) % 100).padStart(2, '0')}`;

export const caseScripts = fc.array(caseScript({ maxCommands: 14, from: '2004-04-01', spanDays: 2500 }), { minLength: 4, maxLength: 4 });

/** Steps of a generated log: a case's next command, a retraction of one or all of its events, or a population. */
export const logSteps = fc.array(
  fc.oneof(
    { weight: 8, arbitrary: fc.record({ kind: fc.constant('command' as const), caseN: fc.nat(3) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('retract' as const), caseN: fc.nat(3), pick: fc.nat(), whole: fc.boolean() }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('population' as const), area: fc.nat(2), year: fc.integer({ min: 2005, max: 2011 }), population: fc.integer({ min: 1000, max: 900_000 }) }) },
  ),
  { minLength: 20, maxLength: 70 },
);
export type LogStep = typeof logSteps extends fc.Arbitrary<(infer S)[]> ? S : never;

/** Questions asked of a log: where in it (a fraction of its span), which year, which format. */
export const askedOfLog = fc.array(fc.tuple(fc.double({ min: 0.1, max: 1.05, noNaN: true }), fc.integer({ min: 2004, max: 2010 }), fc.constantFrom('2008', '2015', undefined)), {
  minLength: 3,
  maxLength: 6,
});
export type Asked = typeof askedOfLog extends fc.Arbitrary<(infer A)[]> ? A : never;

/**
 * Records steps into the store, advancing the clock, each case's commands going on from where
 * the last call left them; `afterStep` runs after each (the tests catch the index up there).
 */
export function logRecorder(store: EventStore, clock: ManualClock, scripts: readonly (readonly CaseCommand[])[]) {
  const handle = caseCommandHandler({ store, clock });
  const next = scripts.map(() => 0);
  const recorded = { retractions: 0 };
  const record = async (plan: readonly LogStep[], afterStep: (n: number) => Promise<void> = async () => undefined): Promise<void> => {
    for (const [n, step] of plan.entries()) {
      // Several commands share an instant now and then, as a busy second does.
      if (n % 3 !== 0) clock.advance(1000);
      if (step.kind === 'command') {
        const command: CaseCommand | undefined = scripts[step.caseN]![next[step.caseN]!++];
        if (command) await handle(`case-${step.caseN}`, command, { areas: '*', actor });
      } else if (step.kind === 'retract') {
        const events = (await store.readStream(streams.case(`case-${step.caseN}`))).filter((e) => e.type !== 'EventsRetracted');
        if (events.length > 0) {
          const eventIds = step.whole ? events.map((e) => e.eventId) : [events[step.pick % events.length]!.eventId];
          const outcome = await handle(`case-${step.caseN}`, { type: 'RetractEvents', eventIds, reason: 'recorded-in-error' }, { areas: '*', actor });
          if (outcome.kind === 'accepted') recorded.retractions++;
        }
      } else {
        await recordAreaPopulation(store, clock, { area: AREAS[step.area]!, reportingYear: yearOf(step.year), population: step.population, basis: 'all-ages', source: 'test' }, { actor, correlationId: 'p' });
      }
      await afterStep(n);
    }
  };
  return { record, recorded };
}

/** The instant `cut` of the way through the log so far: half a second off a recording instant, or exactly on one. */
export function instantIn(clock: ManualClock, cut: number): string {
  const span = clock.now().getTime() - LOG_START;
  return new Date(LOG_START + Math.floor((cut * span) / 1000) * 1000 - (cut < 0.6 ? 500 : 0)).toISOString();
}

/** Returns, a series and areas side by side, for one year and format, as known at an instant. */
export function questionsKnownAt(knownAt: string, [, year, format]: Asked): ReturnsQuestion[] {
  const reportingYear = yearOf(year);
  const figuresOn = '2032-06-01';
  return [
    { kind: 'return', query: { area: NATIONAL, reportingYear, knownAt, figuresOn, ...(format && { format }) } },
    { kind: 'return', query: { area: AREAS[year % 3]!, reportingYear, knownAt, figuresOn, ...(format && { format }) } },
    { kind: 'series', area: NATIONAL, through: reportingYear, knownAt, figuresOn, ...(format && { format }) },
    { kind: 'by-area', reportingYear, areas: [...AREAS], knownAt, figuresOn, ...(format && { format }) },
  ];
}

/** The questions of one asked point, at its instant in the log. */
export const questionsAt = (clock: ManualClock, asked: Asked): ReturnsQuestion[] => questionsKnownAt(instantIn(clock, asked[0]), asked);

/** Whether any of the answers counts something: a comparison of empty returns proves little. */
export const countsSomething = (answers: readonly AnnualReturn[]) => answers.some((r) => r.rows.some((row) => Object.values(row.cells).some((n) => typeof n === 'number' && n > 0)));
