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

/** Format 2024's category rows read literally: the case asked what it was on every day of the year. */
function bruteForce(timeline: Timeline, year: string, area: string) {
  const day = snapshotDayOf(year);
  const snapshot = caseOn(timeline, day);
  const e01: Record<string, number> = {};
  if (snapshot && snapshot.area === area && !snapshot.inCustody && isEligibleOn(snapshot, day)) e01[`cat${reportedCategoryOn(snapshot, day)}Level${snapshot.level}`] = 1;
  const lastCategory: Record<number, number> = {};
  for (let d = firstDayOf(year); d <= day; d = addDays(d, 1)) {
    const c = caseOn(timeline, d);
    if (c && c.area === area && c.level !== 1 && isEligibleOn(c, d)) lastCategory[c.level] = reportedCategoryOn(c, d)!;
  }
  return { e01, lastCategory };
}

const scripts = caseScript({ maxCommands: 25, from: '2022-01-01', spanDays: 1200, withTerrorism: true });

describe('format 2024 agrees with asking caseOn about every day, with terrorism bases about', () => {
  it('the histories reach category 4 in these rows (else the law below says nothing about it)', () => {
    const counted = fc.sample(scripts, { numRuns: 100, seed: 4 }).filter((script) => {
      const { timeline } = replay(script);
      if (timeline.length === 0) return false;
      const facts = caseFacts(timeline)!;
      return ['2024-25', '2025-26', '2026-27'].some((year) => AREAS.some((area) => {
        const r = returnFromCaseFacts({ area, reportingYear: year, format: '2024' }, [facts], {});
        return row(r, 'E01')['cat4']! + row(r, 'E02')['cat4']! + row(r, 'E03')['cat4']! > 0;
      }));
    });
    expect(counted.length).toBeGreaterThan(5);
  });

  it('E01 by category and level, E02 and E03 by the category of the last day at the level', () => {
    fc.assert(
      fc.property(scripts, fc.integer({ min: 0, max: 5 }), fc.constantFrom(...AREAS), (script, offset, area) => {
        const { timeline } = replay(script);
        if (timeline.length === 0) return;
        const year = reportingYearStarting(Math.max(2023, Number(timeline[0]!.event.occurredOn.slice(0, 4)) - 1 + offset));
        const computed = returnFromCaseFacts({ area, reportingYear: year, format: '2024' }, [caseFacts(timeline)!], {});
        const expected = bruteForce(timeline, year, area);
        const e01 = row(computed, 'E01');
        for (const c of [1, 2, 3, 4]) for (const l of [1, 2, 3]) expect(e01[`cat${c}Level${l}`]).toBe(expected.e01[`cat${c}Level${l}`] ?? 0);
        for (const level of [2, 3] as const) {
          const category = expected.lastCategory[level];
          expect(row(computed, level === 2 ? 'E02' : 'E03')).toEqual({ cat1: category === 1 ? 1 : 0, cat2: category === 2 ? 1 : 0, cat3: category === 3 ? 1 : 0, cat4: category === 4 ? 1 : 0, total: category ? 1 : 0 });
        }
      }),
      { numRuns: 150 },
    );
  });
});
