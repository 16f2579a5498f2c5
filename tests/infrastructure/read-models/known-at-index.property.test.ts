import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CaseCommand } from '../../../src/domain/case/commands.js';
import { NATIONAL } from '../../../src/domain/shared/areas.js';
import { manualClock } from '../../../src/infrastructure/clock.js';
import { caseCommandHandler } from '../../../src/infrastructure/command-handler/handle-case-command.js';
import { recordAreaPopulation } from '../../../src/infrastructure/command-handler/record-area-population.js';
import { openMemoryEventStore } from '../../../src/infrastructure/eventstore/memory.js';
import { streams } from '../../../src/infrastructure/eventstore/stream-names.js';
import { answerKnownAt, type ReturnsQuestion } from '../../../src/infrastructure/read-models/known-at-answers.js';
import { KnownAtIndex } from '../../../src/infrastructure/read-models/known-at-index.js';
import { AREAS, caseScript } from '../../support/case-history.arbitrary.js';

const START = Date.UTC(2032, 0, 1, 12);
const actor = { id: 'recorder', role: 'coordinator', agency: 'police' } as const;
const yearOf = (y: number) => `${y}-${String((y + 1) % 100).padStart(2, '0')}`;

/** Steps of a generated log: a case's next command, a retraction of one or all of its events, or a population. */
const steps = fc.array(
  fc.oneof(
    { weight: 8, arbitrary: fc.record({ kind: fc.constant('command' as const), caseN: fc.nat(3) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('retract' as const), caseN: fc.nat(3), pick: fc.nat(), whole: fc.boolean() }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('population' as const), area: fc.nat(2), year: fc.integer({ min: 2005, max: 2011 }), population: fc.integer({ min: 1000, max: 900_000 }) }) },
  ),
  { minLength: 20, maxLength: 70 },
);

describe('the known-at index answers as the fold of the log as known at the instant (docs/CHECKS.md K1-K3 rest on that fold)', () => {
  it('returns, series and areas side by side, at instants between and on recordings, taken in while the log grows, retractions included (fast-check, 60 runs)', async () => {
    let compared = 0;
    // Answers that count something: the comparison is not of empty returns.
    let counting = 0;
    let retractions = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(caseScript({ maxCommands: 14, from: '2004-04-01', spanDays: 2500 }), { minLength: 4, maxLength: 4 }),
        steps,
        fc.array(fc.tuple(fc.double({ min: 0.1, max: 1.05, noNaN: true }), fc.integer({ min: 2004, max: 2010 }), fc.constantFrom('2008', '2015', undefined)), { minLength: 3, maxLength: 6 }),
        fc.integer({ min: 1, max: 4 }),
        async (scripts, plan, asked, catchUps) => {
          const store = openMemoryEventStore();
          const clock = manualClock(new Date(START));
          const handle = caseCommandHandler({ store, clock });
          const next = scripts.map(() => 0);
          const index = new KnownAtIndex();
          const takeInAt = new Set(Array.from({ length: catchUps }, (_, i) => Math.floor(((i + 1) * plan.length) / (catchUps + 1))));
          for (const [n, step] of plan.entries()) {
            // Several commands share an instant now and then, as a busy second does.
            if (n % 3 !== 0) clock.advance(1000);
            if (step.kind === 'command') {
              const command: CaseCommand | undefined = scripts[step.caseN]![next[step.caseN]!++];
              if (command) await handle(`case-${step.caseN}`, command, { areas: '*', actor });
            } else if (step.kind === 'retract') {
              const events = (await store.readStream(streams.case(`case-${step.caseN}`))).filter((e) => e.type !== 'EventsRetracted');
              if (events.length === 0) continue;
              const eventIds = step.whole ? events.map((e) => e.eventId) : [events[step.pick % events.length]!.eventId];
              const outcome = await handle(`case-${step.caseN}`, { type: 'RetractEvents', eventIds, reason: 'recorded-in-error' }, { areas: '*', actor });
              if (outcome.kind === 'accepted') retractions++;
            } else {
              await recordAreaPopulation(store, clock, { area: AREAS[step.area]!, reportingYear: yearOf(step.year), population: step.population, basis: 'all-ages', source: 'test' }, { actor, correlationId: 'p' });
            }
            if (takeInAt.has(n)) await index.catchUp(store);
          }
          await index.catchUp(store);
          const span = clock.now().getTime() - START;
          for (const [cut, year, format] of asked) {
            // Half a second off a recording instant, or exactly on one.
            const offset = Math.floor((cut * span) / 1000) * 1000 - (cut < 0.6 ? 500 : 0);
            const knownAt = new Date(START + offset).toISOString();
            const reportingYear = yearOf(year);
            const figuresOn = '2032-06-01';
            const questions: ReturnsQuestion[] = [
              { kind: 'return', query: { area: NATIONAL, reportingYear, knownAt, figuresOn, ...(format && { format }) } },
              { kind: 'return', query: { area: AREAS[year % 3]!, reportingYear, knownAt, figuresOn, ...(format && { format }) } },
              { kind: 'series', area: NATIONAL, through: reportingYear, knownAt, figuresOn, ...(format && { format }) },
              { kind: 'by-area', reportingYear, areas: [...AREAS], knownAt, figuresOn, ...(format && { format }) },
            ];
            for (const question of questions) {
              const fromIndex = index.answer(question);
              expect(fromIndex).toEqual(await answerKnownAt(store, question));
              compared++;
              if (fromIndex.some((r) => r.rows.some((row) => Object.values(row.cells).some((n) => typeof n === 'number' && n > 0)))) counting++;
            }
          }
          await store.close();
        },
      ),
      { numRuns: 60 },
    );
    expect(compared).toBeGreaterThan(500);
    expect(counting).toBeGreaterThan(200);
    expect(retractions).toBeGreaterThan(20);
  }, 120_000);
});
