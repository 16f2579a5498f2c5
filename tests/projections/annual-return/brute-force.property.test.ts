import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isEligibleOn, reportedCategoryOn } from '../../../src/domain/case/state.js';
import { caseOn, type Timeline } from '../../../src/domain/case/timeline.js';
import { addDays } from '../../../src/domain/shared/business-date.js';
import { firstDayOf, reportingYearStarting, snapshotDayOf } from '../../../src/domain/shared/reporting-year.js';
import { caseFacts } from '../../../src/projections/annual-return/case-facts.js';
import { returnFromCaseFacts } from '../../../src/projections/annual-return/assemble-return.js';
import { AREAS, caseScript, replay } from '../../support/case-history.arbitrary.js';
import { row } from './given-cases.js';

/** The rules read literally: ask the case what it was on every single day of the year. */
function bruteForce(timeline: Timeline, year: string, area: string) {
  const snapshot = caseOn(timeline, snapshotDayOf(year));
  const r01 = { cat1: 0, cat2: 0, cat3: 0 } as Record<string, number>;
  if (snapshot && snapshot.area === area && !snapshot.inCustody && isEligibleOn(snapshot, snapshotDayOf(year))) r01[`cat${reportedCategoryOn(snapshot, snapshotDayOf(year))}`]! += 1;
  const lastCategory: Record<number, number> = {};
  for (let day = firstDayOf(year); day <= snapshotDayOf(year); day = addDays(day, 1)) {
    const c = caseOn(timeline, day);
    if (c && c.area === area && c.level !== 1 && isEligibleOn(c, day)) lastCategory[c.level] = reportedCategoryOn(c, day)!;
  }
  return { r01, lastCategory };
}

describe('the change-point computation agrees with asking caseOn about every day', () => {
  it('R01, R02 and R03 for one case, any year, any area', () => {
    fc.assert(
      fc.property(caseScript({ maxCommands: 30, spanDays: 2500 }), fc.integer({ min: 0, max: 9 }), fc.constantFrom(...AREAS), (script, offset, area) => {
        const { timeline } = replay(script);
        const start = Number(timeline[0]!.event.occurredOn.slice(0, 4)) - 1 + offset;
        const year = reportingYearStarting(start);
        const facts = caseFacts(timeline)!;
        const computed = returnFromCaseFacts({ area, reportingYear: year, format: '2008' }, [facts], {});
        const expected = bruteForce(timeline, year, area);
        expect(row(computed, 'R01')).toMatchObject(expected.r01);
        for (const level of [2, 3] as const) {
          const cells = row(computed, level === 2 ? 'R02' : 'R03');
          const category = expected.lastCategory[level];
          expect(cells).toEqual({ cat1: category === 1 ? 1 : 0, cat2: category === 2 ? 1 : 0, cat3: category === 3 ? 1 : 0, total: category ? 1 : 0 });
        }
      }),
      { numRuns: 250 },
    );
  });
});
