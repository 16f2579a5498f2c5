import type { BusinessDate } from '../shared/business-date.js';
import type { Category } from '../case/basis.js';
import { inForceOn, type Edition } from './editions.js';

/**
 * Category 4 (terrorist and terrorism-risk offenders) came with the Police, Crime, Sentencing and
 * Courts Act 2022 and the statutory guidance that followed. The day it is counted from is held
 * here; 2024-04-01 (the first day of 2024-25) is provisional: the statutory text was not checked.
 */
export const CATEGORY_4_FROM: BusinessDate = '2024-04-01';

/*
 * Projections look at a case only on its change points (its event days, its bases' starts and
 * lapses) and take it as constant between them. That holds for these editions because the
 * precedence changes only by putting category 4 first, on the day category 4 becomes available:
 * a case's precedence can only differ once a category-4 basis starts, which is a change point.
 * An edition that reorders categories 1-3 would have to add its date to the change points.
 */
export type CategoryRules = {
  /** The categories a basis may have, in precedence order: the first active one is the reported category. */
  readonly precedence: readonly Category[];
};

export const CATEGORY_EDITIONS: readonly Edition<CategoryRules>[] = [
  { effectiveFrom: null, source: 'Criminal Justice Act 2003 s.325-327 and MAPPA guidance: categories 1, 2, 3', provisional: false, rules: { precedence: [1, 2, 3] } },
  {
    effectiveFrom: CATEGORY_4_FROM,
    source: 'Police, Crime, Sentencing and Courts Act 2022 and MAPPA guidance: category 4 added, and it leads',
    provisional: true,
    rules: { precedence: [4, 1, 2, 3] },
  },
];

/** Rank of each category (lower leads) per edition, by index, computed once: the reported category is asked millions of times in a rebuild. */
const RANKS: readonly (readonly number[])[] = CATEGORY_EDITIONS.map((e) => {
  const rank = [Infinity, Infinity, Infinity, Infinity, Infinity];
  e.rules.precedence.forEach((c, i) => (rank[c] = i));
  return rank;
});

/** Rank by category number on a date: lower leads; Infinity for a category the edition does not know. */
export function categoryRanksOn(date: BusinessDate): readonly number[] {
  let i = 0;
  while (i + 1 < CATEGORY_EDITIONS.length && CATEGORY_EDITIONS[i + 1]!.effectiveFrom! <= date) i++;
  return RANKS[i]!;
}

export function isCategoryAvailableOn(category: Category, date: BusinessDate): boolean {
  return inForceOn(CATEGORY_EDITIONS, date).rules.precedence.includes(category);
}

/** The first day a category may be held (null: from the start of the record). */
export function categoryAvailableFrom(category: Category): BusinessDate | null {
  return CATEGORY_EDITIONS.find((e) => e.rules.precedence.includes(category))?.effectiveFrom ?? null;
}
