import type { CaseFacts } from './case-facts.js';
import type { Facts } from './facts.js';

/** Adds counts into summed facts (plain loops: a rebuild adds every case's facts). */
function sumFacts(into: Facts, from: Facts): void {
  for (const area in from) {
    const target = (into[area] ??= {});
    const byKey = from[area]!;
    for (const key in byKey) target[key] = (target[key] ?? 0) + byKey[key]!;
  }
}

/** Many cases' facts summed: by reporting year, and by the year steady facts start from. */
export type SummedFacts = { readonly years: Map<string, Facts>; readonly steady: Map<string, Facts> };

function sumInto(sums: Map<string, Facts>, year: string, facts: Facts): void {
  let target = sums.get(year);
  if (target === undefined) sums.set(year, (target = {}));
  sumFacts(target, facts);
}

export function emptySums(): SummedFacts {
  return { years: new Map(), steady: new Map() };
}

export function addCaseFacts(sums: SummedFacts, facts: CaseFacts): void {
  for (const year in facts.years) sumInto(sums.years, year, facts.years[year]!);
  sumInto(sums.steady, facts.steadyFrom, facts.steady);
}

/** Sums from several partitions of the cases, added together. */
export function mergeSums(into: SummedFacts, from: SummedFacts): void {
  for (const [year, facts] of from.years) sumInto(into.years, year, facts);
  for (const [year, facts] of from.steady) sumInto(into.steady, year, facts);
}
