import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Category } from '../../../src/domain/case/basis.js';
import { reportedCategoryAmong, type BasisDates } from '../../../src/domain/case/state.js';
import { CATEGORY_4_FROM, CATEGORY_EDITIONS, categoryAvailableFrom, isCategoryAvailableOn } from '../../../src/domain/rules/categories.js';
import { ORDER_EDITIONS } from '../../../src/domain/rules/civil-orders.js';
import { inForceOn, type Edition } from '../../../src/domain/rules/editions.js';
import { NOTIFICATION_PERIOD_EDITIONS, NOTIFICATION_PERIODS } from '../../../src/domain/rules/notification-period.js';
import { addDays } from '../../../src/domain/shared/business-date.js';

const day = fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2040-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

describe('rule editions keyed by effective date', () => {
  const editions: Edition<string>[] = [
    { effectiveFrom: null, source: 'first', provisional: false, rules: 'a' },
    { effectiveFrom: '2015-03-08', source: 'second', provisional: false, rules: 'b' },
    { effectiveFrom: '2024-04-01', source: 'third', provisional: true, rules: 'c' },
  ];

  it('the edition in force on a day is the last that took effect on or before it; the first covers everything earlier', () => {
    expect(['1900-01-01', '2015-03-07', '2015-03-08', '2024-03-31', '2024-04-01', '2099-01-01'].map((d) => inForceOn(editions, d).rules)).toEqual(['a', 'a', 'b', 'b', 'c', 'c']);
  });

  it('every list of editions in rules data starts from the record, is in date order, and says what set each', () => {
    for (const list of [CATEGORY_EDITIONS, ORDER_EDITIONS, NOTIFICATION_PERIOD_EDITIONS] as readonly (readonly Edition<unknown>[])[]) {
      expect(list[0]!.effectiveFrom).toBeNull();
      const dates = list.slice(1).map((e) => e.effectiveFrom!);
      expect(dates).toEqual([...dates].sort());
      expect(list.every((e) => e.source.length > 0)).toBe(true);
    }
  });

  it('category 4 is known from its edition only, and that edition is marked provisional', () => {
    expect(categoryAvailableFrom(4)).toBe(CATEGORY_4_FROM);
    expect(isCategoryAvailableOn(4, addDays(CATEGORY_4_FROM, -1))).toBe(false);
    expect(isCategoryAvailableOn(4, CATEGORY_4_FROM)).toBe(true);
    expect(([1, 2, 3] as const).every((c) => isCategoryAvailableOn(c, '1990-01-01') && categoryAvailableFrom(c) === null)).toBe(true);
    expect(inForceOn(CATEGORY_EDITIONS, CATEGORY_4_FROM)).toMatchObject({ provisional: true, rules: { precedence: [4, 1, 2, 3] } });
    expect(inForceOn(CATEGORY_EDITIONS, '2024-03-31')).toMatchObject({ provisional: false, rules: { precedence: [1, 2, 3] } });
  });

  it('notification periods: one edition so far, the s.82 table, whatever the relevant date', () => {
    fc.assert(fc.property(day, (d) => inForceOn(NOTIFICATION_PERIOD_EDITIONS, d).rules === NOTIFICATION_PERIODS));
  });
});

const basisDates = (categories: readonly Category[]) =>
  fc.array(
    fc.record({ category: fc.constantFrom(...categories), start: day, length: fc.option(fc.integer({ min: 0, max: 5000 }), { nil: null }), ended: fc.option(fc.integer({ min: 0, max: 5000 }), { nil: null }) }),
    { maxLength: 6 },
  ).map((bs) => bs.map((b): BasisDates => ({ category: b.category, start: b.start, lastDay: b.length === null ? null : addDays(b.start, b.length), endedOn: b.ended === null ? null : addDays(b.start, b.ended) })));

/** The rule before category 4, as it was written: the lowest category number among the active bases. */
function lowestActive(bases: readonly BasisDates[], date: string): Category | null {
  const active = bases.filter((b) => b.start <= date && (b.lastDay === null || date <= b.lastDay) && (b.endedOn === null || date < b.endedOn)).map((b) => b.category);
  return active.length === 0 ? null : (Math.min(...active) as Category);
}

describe('the reported category by edition (property)', () => {
  it('with categories 1-3 only, on any date, it is the lowest active category, as before the category-4 edition', () => {
    fc.assert(fc.property(basisDates([1, 2, 3]), day, (bases, date) => reportedCategoryAmong(bases, date) === lowestActive(bases, date)), { numRuns: 500 });
  });

  it('from the category-4 edition an active category-4 basis leads; otherwise the lowest of 1-3', () => {
    const onOrAfter = day.filter((d) => d >= CATEGORY_4_FROM);
    fc.assert(
      fc.property(basisDates([1, 2, 3, 4]), onOrAfter, (bases, date) => {
        const activeFour = bases.some((b) => b.category === 4 && lowestActive([b], date) === 4);
        const expected = activeFour ? 4 : lowestActive(bases.filter((b) => b.category !== 4), date);
        return reportedCategoryAmong(bases, date) === expected;
      }),
      { numRuns: 500 },
    );
  });
});

describe('what projections rely on', () => {
  it('every precedence edition differs from the one before only by putting a newly available category first', () => {
    for (let i = 1; i < CATEGORY_EDITIONS.length; i++) {
      const [first, ...rest] = CATEGORY_EDITIONS[i]!.rules.precedence;
      expect(rest).toEqual(CATEGORY_EDITIONS[i - 1]!.rules.precedence);
      expect(CATEGORY_EDITIONS[i - 1]!.rules.precedence).not.toContain(first);
    }
  });
});
