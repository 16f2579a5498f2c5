import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decideRetraction, standingTimeline, type RecordedEvent } from '../../../src/domain/case/retraction.js';
import { NATIONAL } from '../../../src/domain/shared/areas.js';
import { assembleReturn, returnFromCaseFacts } from '../../../src/projections/annual-return/assemble-return.js';
import { KnownAtCells } from '../../../src/projections/annual-return/known-at-cells.js';
import { caseFacts, type CaseFacts } from '../../../src/projections/annual-return/case-facts.js';
import { caseScript, replay } from '../../support/case-history.arbitrary.js';

const at = (n: number) => new Date(Date.UTC(2032, 0, 1) + n * 1000).toISOString();

/**
 * Generated cases as recorded, a command a second, then retractions recorded later still: for
 * each case, the command at `picks[c]` is retracted when the rules allow it.
 */
function recordedWithRetractions(scripts: readonly Parameters<typeof replay>[0][], picks: readonly number[]): RecordedEvent[][] {
  let second = 0;
  const cases = scripts.map((script, c) => {
    const records: RecordedEvent[] = [];
    replay(script).accepted.forEach(({ events }, k) => {
      const recordedAt = at(second++);
      for (const event of events) records.push({ eventId: `e-${c}-${records.length}`, position: records.length, causationId: `c-${c}-${k}`, recordedAt, event });
    });
    return records;
  });
  return cases.map((records, c) => {
    if (records.length === 0) return records;
    const target = records[picks[c % picks.length]! % records.length]!;
    const retraction = decideRetraction({ eventIds: [target.eventId], reason: 'recorded-in-error' }, records);
    if (!retraction.ok) return records;
    return [...records, { eventId: `r-${c}`, position: records.length, causationId: `r-${c}`, recordedAt: at(second++), event: retraction.value }];
  });
}

describe('docs/CHECKS.md K1 with retractions: the return as known at T is unchanged by anything recorded after T', () => {
  it('for generated histories with retractions recorded after their facts (fast-check, 300 runs)', () => {
    let retractions = 0;
    fc.assert(
      fc.property(
        fc.array(caseScript({ maxCommands: 12, from: '2004-04-01', spanDays: 2500 }), { minLength: 1, maxLength: 4 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 2005, max: 2011 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (scripts, picks, startYear, cut) => {
          const cases = recordedWithRetractions(scripts, picks);
          retractions += cases.filter((records) => records.some((r) => r.event.type === 'EventsRetracted')).length;
          const all = cases.flat();
          const instant = at(Math.floor(cut * (all.length + 1)) - 0.5);
          const query = { area: NATIONAL, reportingYear: `${startYear}-${String((startYear + 1) % 100).padStart(2, '0')}`, format: '2008' } as const;
          const facts = (timelines: readonly ReturnType<typeof standingTimeline>[]) => timelines.map((t) => caseFacts(t)).filter((f): f is CaseFacts => f !== null);
          // Everything recorded, asked as known at the instant; and only what had been recorded by then.
          const asKnown = returnFromCaseFacts(query, facts(cases.map((records) => standingTimeline(records, instant))), {});
          const thenOnly = returnFromCaseFacts(query, facts(cases.map((records) => standingTimeline(records.filter((r) => r.recordedAt! <= instant)))), {});
          expect(asKnown).toEqual(thenOnly);
          // The known-at cells (each case's facts at every instant it was recorded) give the same return.
          const cells = new KnownAtCells();
          for (const records of cases) {
            const instants = [...new Set(records.map((r) => r.recordedAt!))].sort();
            cells.replace([], instants.map((at) => ({ instant: at, facts: caseFacts(standingTimeline(records, at)) })));
          }
          cells.settle();
          expect(assembleReturn({ ...query, knownAt: null }, cells.factsAt(query.reportingYear, instant), {})).toEqual(asKnown);
        },
      ),
      { numRuns: 300 },
    );
    expect(retractions).toBeGreaterThan(100);
  });
});
