import { describe, expect, it } from 'vitest';
import { identitiesOf } from '../../../web/src/model/identities.js';
import { defaultFormat, formatsOffered, type AnnualReturn } from '../../../web/src/model/annual-return.js';
import { SEED_FIGURES } from '../../fixtures/cumbria-2008-09-figures.js';

const LABELS: Record<string, string> = { R01: 'eligible', R06: 'charged', R07: 'outcomes', R08: 'units' };
const return2008 = (year: string, cells: Record<string, Record<string, number | null>>): AnnualReturn => ({
  area: 'cumbria', reportingYear: year, format: '2008', knownAt: null,
  rows: Object.entries(cells).map(([id, c]) => ({ id, label: LABELS[id] ?? id, cells: c })),
});

describe('the identities the page checks on a return (docs/DOMAIN.md section 7)', () => {
  it('all hold on the seed report\'s 2008-09 table, each shown with its sum', () => {
    const identities = identitiesOf(return2008('2008-09', SEED_FIGURES));
    expect(identities.every((i) => i.holds)).toBe(true);
    expect(identities.find((i) => i.name.startsWith('R08'))?.equation).toBe('123 + 83 + 84 = 290');
    expect(identities.find((i) => i.name.startsWith('R01'))?.equation).toBe('290 + 49 + 2 = 341');
    // Six rows carry a total (R01-R06), and R08 sums to R01; R07 needs the year before.
    expect(identities).toHaveLength(7);
  });

  it('a total that is not the sum of its row, or units that do not sum to R01 cat1, do not hold', () => {
    const broken = identitiesOf(return2008('2008-09', { ...SEED_FIGURES, R02: { cat1: 34, cat2: 24, cat3: 10, total: 69 }, R08: { North: 100 } }));
    expect(broken.filter((i) => !i.holds).map((i) => i.name)).toEqual(['R02: the total is the sum of its row', 'R08: the local units sum to R01 registered sexual offenders']);
  });

  it('with the previous year: R06 total plus last year\'s R07 still charged equals this year\'s R07', () => {
    const previous = return2008('2007-08', { R06: { level2: 1, level3: 0, total: 1 }, R07: { convicted: 0, otherOutcome: 0, remainCharged: 2 } });
    const holds = identitiesOf(return2008('2008-09', { R06: { level2: 1, level3: 1, total: 2 }, R07: { convicted: 1, otherOutcome: 1, remainCharged: 2 } }), previous);
    expect(holds.find((i) => i.name.startsWith('R06 total'))).toEqual({ name: 'R06 total of 2008-09 plus R07 remaining charged of 2007-08 equals R07 of 2008-09', holds: true, equation: '2 + 2 = 4' });
    const fails = identitiesOf(return2008('2008-09', { R06: { level2: 1, level3: 1, total: 2 }, R07: { convicted: 1, otherOutcome: 0, remainCharged: 2 } }), previous);
    expect(fails.find((i) => i.name.startsWith('R06 total'))?.holds).toBe(false);
  });

  it('format 2015: E01 by category and by level, the row totals, and E09 with E10', () => {
    const e01 = { cat1Level1: 5, cat1Level2: 2, cat1Level3: 1, cat2Level1: 3, cat2Level2: 1, cat2Level3: 0, cat3Level1: 0, cat3Level2: 1, cat3Level3: 0, cat1: 8, cat2: 4, cat3: 1, level1: 8, level2: 4, level3: 1, total: 13 };
    const r: AnnualReturn = {
      area: 'cumbria', reportingYear: '2016-17', format: '2015', knownAt: null,
      rows: [
        { id: 'E01', label: 'eligible', cells: e01 },
        { id: 'E02', label: 'level 2', cells: { cat1: 1, cat2: 1, cat3: 0, total: 2 } },
        { id: 'E09', label: 'charged', cells: { level2: 0, level3: 1, total: 1 } },
        { id: 'E10', label: 'outcomes', cells: { convicted: 0, otherOutcome: 0, remainCharged: 1 } },
      ],
    };
    const previous: AnnualReturn = { ...r, reportingYear: '2015-16', rows: [{ id: 'E10', label: 'outcomes', cells: { convicted: 0, otherOutcome: 0, remainCharged: 0 } }] };
    const identities = identitiesOf(r, previous);
    expect(identities.every((i) => i.holds)).toBe(true);
    expect(identities.map((i) => i.name)).toEqual(expect.arrayContaining(['E01: category 1 is the sum of its levels', 'E01: level 3 is the sum of its categories', 'E02: the total is the sum of its row']));
    expect(identitiesOf({ ...r, rows: [{ id: 'E01', label: 'eligible', cells: { ...e01, level2: 5 } }] }).filter((i) => !i.holds).map((i) => i.name))
      .toEqual(['E01: level 2 is the sum of its categories', 'E01: the total is the sum of the levels']);
  });

  it('format 2024: E01 checks category 4 among the categories and in every level', () => {
    const e01 = {
      cat1Level1: 5, cat1Level2: 2, cat1Level3: 1, cat2Level1: 3, cat2Level2: 1, cat2Level3: 0, cat3Level1: 0, cat3Level2: 1, cat3Level3: 0, cat4Level1: 1, cat4Level2: 1, cat4Level3: 1,
      cat1: 8, cat2: 4, cat3: 1, cat4: 3, level1: 9, level2: 5, level3: 2, total: 16,
    };
    const r: AnnualReturn = { area: 'durham', reportingYear: '2025-26', format: '2024', knownAt: null, rows: [{ id: 'E01', label: 'eligible', cells: e01 }] };
    const identities = identitiesOf(r);
    expect(identities.every((i) => i.holds)).toBe(true);
    expect(identities.find((i) => i.name === 'E01: category 4 is the sum of its levels')?.equation).toBe('1 + 1 + 1 = 3');
    expect(identities.find((i) => i.name === 'E01: the total is the sum of the categories')?.equation).toBe('8 + 4 + 1 + 3 = 16');
    expect(identitiesOf({ ...r, rows: [{ id: 'E01', label: 'eligible', cells: { ...e01, cat4Level2: 0 } }] }).filter((i) => !i.holds).map((i) => i.name))
      .toEqual(['E01: category 4 is the sum of its levels', 'E01: level 2 is the sum of its categories']);
  });

  it('the page offers format 2024 from 2023-24 and defaults to it from 2024-25, as the API does', () => {
    expect(formatsOffered('2022-23')).toEqual(['2008', '2015']);
    expect(formatsOffered('2023-24')).toEqual(['2008', '2015', '2024']);
    expect(['2014-15', '2015-16', '2023-24', '2024-25'].map(defaultFormat)).toEqual(['2008', '2015', '2015', '2024']);
  });
});
