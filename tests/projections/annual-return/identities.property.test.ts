import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NATIONAL } from '../../../src/domain/shared/areas.js';
import { reportingYearStarting } from '../../../src/domain/shared/reporting-year.js';
import type { AnnualReturn } from '../../../src/projections/annual-return/return-types.js';
import { caseFacts, type CaseFacts } from '../../../src/projections/annual-return/case-facts.js';
import { returnFromCaseFacts } from '../../../src/projections/annual-return/assemble-return.js';
import { AREAS, caseScript, replay } from '../../support/case-history.arbitrary.js';
import { row } from './given-cases.js';

const histories = fc.array(caseScript({ maxCommands: 25, spanDays: 4000 }), { minLength: 1, maxLength: 6 }).map((scripts) =>
  scripts.map((s) => caseFacts(replay(s).timeline)).filter((f): f is CaseFacts => f !== null),
);
const years = fc.integer({ min: 2004, max: 2030 });
const areas = fc.constantFrom<string>(...AREAS, NATIONAL);

const sum = (cells: Readonly<Record<string, number | null>>, keys: string[]) => keys.reduce((a, k) => a + (cells[k] ?? 0), 0);

describe('identities of the annual return hold for every generated history (docs/DOMAIN.md section 7)', () => {
  it('format 2008: R08 sums to R01 cat1; each total is the sum of its row; R06 + R07 remaining last year = R07', () => {
    fc.assert(
      fc.property(histories, years, areas, (facts, start, area) => {
        const year = reportingYearStarting(start);
        const r = (y: string): AnnualReturn => returnFromCaseFacts({ area, reportingYear: y, format: '2008' }, facts, {});
        const now = r(year);
        expect(sum(row(now, 'R08'), Object.keys(row(now, 'R08')))).toBe(row(now, 'R01')['cat1']);
        for (const id of ['R01', 'R02', 'R03']) expect(row(now, id)['total']).toBe(sum(row(now, id), ['cat1', 'cat2', 'cat3']));
        for (const id of ['R04', 'R05', 'R06']) expect(row(now, id)['total']).toBe(sum(row(now, id), ['level2', 'level3']));
        const before = r(reportingYearStarting(start - 1));
        expect(row(now, 'R06')['total']! + row(before, 'R07')['remainCharged']!).toBe(sum(row(now, 'R07'), ['convicted', 'otherOutcome', 'remainCharged']));
      }),
      { numRuns: 300 },
    );
  });

  it('format 2015: E01 splits R01; E08 total; E02/E03 equal R02/R03', () => {
    fc.assert(
      fc.property(histories, years, areas, (facts, start, area) => {
        const year = reportingYearStarting(start);
        const e = returnFromCaseFacts({ area, reportingYear: year, format: '2015' }, facts, {});
        const r = returnFromCaseFacts({ area, reportingYear: year, format: '2008' }, facts, {});
        const e01 = row(e, 'E01');
        for (const c of [1, 2, 3]) expect(e01[`cat${c}`]).toBe(sum(e01, [1, 2, 3].map((l) => `cat${c}Level${l}`)));
        for (const l of [1, 2, 3]) expect(e01[`level${l}`]).toBe(sum(e01, [1, 2, 3].map((c) => `cat${c}Level${l}`)));
        expect(e01['total']).toBe(row(r, 'R01')['total']);
        expect(row(e, 'E02')).toEqual(row(r, 'R02'));
        expect(row(e, 'E03')).toEqual(row(r, 'R03'));
        expect(row(e, 'E08')['total']).toBe(sum(row(e, 'E08'), ['licenceLevel2', 'licenceLevel3', 'orderLevel2', 'orderLevel3']));
      }),
      { numRuns: 300 },
    );
  });

  it('the national return is the sum of the areas', () => {
    fc.assert(
      fc.property(histories, years, (facts, start) => {
        const year = reportingYearStarting(start);
        const national = returnFromCaseFacts({ area: NATIONAL, reportingYear: year, format: '2008' }, facts, {});
        const byArea = AREAS.map((area) => returnFromCaseFacts({ area, reportingYear: year, format: '2008' }, facts, {}));
        for (const id of ['R01', 'R02', 'R03', 'R04', 'R05', 'R06', 'R07', 'R10', 'R11', 'R12', 'R13']) {
          for (const [cell, value] of Object.entries(row(national, id))) {
            expect(value).toBe(byArea.reduce((a, r) => a + (row(r, id)[cell] ?? 0), 0));
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
