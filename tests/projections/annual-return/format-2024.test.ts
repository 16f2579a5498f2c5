import { describe, expect, it } from 'vitest';
import { defaultFormat, formatsOffered, populationBasisOf } from '../../../src/projections/annual-return/return-types.js';
import { returnAsCsv } from '../../../src/projections/annual-return/render-csv.js';
import { returnAsText } from '../../../src/projections/annual-return/render-text.js';
import { ev, otherDangerous, referred, rso, terrorism, violent } from '../../domain/case/support/builders.js';
import { given } from './given-cases.js';

/** Cases in cumbria on 31 March 2025, the first snapshot day of the category-4 edition. */
const sexual = [referred({ occurredOn: '2024-05-01', basis: rso({ relevantDate: '2024-04-10' }) })];
const violentAt2 = [referred({ occurredOn: '2024-05-01', basis: violent({ startDate: '2024-04-10' }), level: 2 })];
const dangerousAt3 = [referred({ occurredOn: '2024-05-01', basis: otherDangerous({ startDate: '2024-04-10' }), level: 3 })];
const terroristAt1 = [referred({ occurredOn: '2024-05-01', basis: terrorism({ startDate: '2024-04-20' }), level: 1 })];
const terrorismRiskAt2 = [referred({ occurredOn: '2024-05-01', basis: terrorism({ startDate: '2024-04-20', subtype: 'terrorism-risk' }), level: 2 })];
/** A registered sexual offender who is also a terrorist offender: category 4 leads. */
const bothAt3 = [
  referred({ occurredOn: '2024-05-01', basis: rso({ relevantDate: '2024-04-10' }), level: 3 }),
  ev('EligibilityBasisAdded', '2024-06-01', { basis: terrorism({ startDate: '2024-06-01' }) }),
];
const all = [sexual, violentAt2, dangerousAt3, terroristAt1, terrorismRiskAt2, bothAt3];

describe('format 2024: format 2015 with category 4, and the rate on the population aged 10 and over', () => {
  it('is the default from 2024-25, offered from 2023-24; formats 2008 and 2015 stay offered every year', () => {
    expect(['2014-15', '2015-16', '2023-24', '2024-25', '2030-31'].map(defaultFormat)).toEqual(['2008', '2015', '2015', '2024', '2024']);
    expect(formatsOffered('2022-23')).toEqual(['2008', '2015']);
    expect(formatsOffered('2023-24')).toEqual(['2008', '2015', '2024']);
    expect(formatsOffered('2008-09')).toEqual(['2008', '2015']);
    expect(['2008', '2015', '2024'].map((f) => populationBasisOf(f as '2024'))).toEqual(['all-ages', 'all-ages', 'aged-10-plus']);
  });

  it('E01: category 4 by level on 31 March, in the category, level and grand totals', () => {
    const { result, row } = given(...all).returnFor('2024-25');
    expect(result.format).toBe('2024');
    expect(row('E01')).toEqual({
      cat1Level1: 1, cat1Level2: 0, cat1Level3: 0,
      cat2Level1: 0, cat2Level2: 1, cat2Level3: 0,
      cat3Level1: 0, cat3Level2: 0, cat3Level3: 1,
      cat4Level1: 1, cat4Level2: 1, cat4Level3: 1,
      cat1: 1, cat2: 1, cat3: 1, cat4: 3,
      level1: 2, level2: 2, level3: 2,
      total: 6,
    });
  });

  it('E02 and E03: category 4 among the cases managed at level 2 or 3 in the year, by the category on the last such day', () => {
    const { row } = given(...all).returnFor('2024-25');
    expect(row('E02')).toEqual({ cat1: 0, cat2: 1, cat3: 0, cat4: 1, total: 2 });
    // bothAt3 was category 1 at level 3 in May, category 4 from June: it counts once, as category 4.
    expect(row('E03')).toEqual({ cat1: 0, cat2: 0, cat3: 1, cat4: 1, total: 2 });
  });

  it('the rows are those of format 2015, in the same order, with the rate labelled for the population aged 10 and over', () => {
    const ids = (format: '2015' | '2024') => given(...all).returnFor('2024-25', 'cumbria', { format }).result.rows.map((r) => r.id);
    expect(ids('2024')).toEqual(ids('2015'));
    expect(given(...all).returnFor('2024-25').result.rows.find((r) => r.id === 'E04')!.label).toBe('Registered sexual offenders per 100,000 population aged 10 and over');
  });

  it('format 2015 asked of the same year has no category-4 column, and its totals stay the sums of its cells', () => {
    const { row } = given(...all).returnFor('2024-25', 'cumbria', { format: '2015' });
    const e01 = row('E01');
    expect(Object.keys(e01).some((k) => k.includes('cat4'))).toBe(false);
    expect(e01).toMatchObject({ cat1: 1, cat2: 1, cat3: 1, level1: 1, level2: 1, level3: 1, total: 3 });
    expect(row('E02')).toEqual({ cat1: 0, cat2: 1, cat3: 0, total: 1 });
  });

  it('E04: registered sexual offenders (category 1 reported) per 100,000 of the population given, rounded half up; null without one', () => {
    const rsos = Array.from({ length: 3 }, () => sexual);
    expect(given(...rsos, terroristAt1).returnFor('2024-25', 'cumbria', { populations: { cumbria: 200_000 } }).row('E04')).toEqual({ rate: 2 });
    expect(given(...rsos).returnFor('2024-25').row('E04')).toEqual({ rate: null });
  });

  it('renders category 4 in CSV and in the report layout, with the rate heading for the population aged 10 and over', () => {
    const { result } = given(...all).returnFor('2024-25', 'cumbria', { populations: { cumbria: 100_000 } });
    expect(returnAsCsv(result)).toContain('cumbria,2024-25,2024,,E01,"MAPPA eligible offenders on 31 March, by category and level",cat4Level1,1\r\n');
    const text = returnAsText(result);
    expect(text).toContain('Terrorist and Terrorism-risk Offenders\t3\n');
    expect(text).toContain('Terrorist and Terrorism-risk Offenders, level 1\t1\n');
    expect(text).toContain('Total number of registered sexual offenders in Cumbria per 100,000 population aged 10 and over\n\n1');
  });

  it('a year before the category-4 edition counts no category 4, in format 2024 as in 2015', () => {
    const in2023 = [referred({ occurredOn: '2023-05-01', basis: rso({ relevantDate: '2023-04-10' }), level: 2 })];
    const { result, row } = given(in2023).returnFor('2023-24', 'cumbria', { format: '2024' });
    expect(result.format).toBe('2024');
    expect(row('E01')).toMatchObject({ cat1: 1, cat1Level2: 1, cat4: 0, cat4Level1: 0, cat4Level2: 0, cat4Level3: 0, total: 1 });
    expect(row('E02')).toEqual({ cat1: 1, cat2: 0, cat3: 0, cat4: 0, total: 1 });
  });
});
