import type { ReportingYear } from '../../domain/shared/reporting-year.js';
import type { CaseFacts } from './case-facts.js';
import type { Facts } from './facts.js';

/** A case's contribution to the returns from an instant on: its facts as known then (null: none). */
export type FactsVersion = { readonly instant: string; readonly facts: CaseFacts | null };

/**
 * One summed cell through time: its total as known at each instant at which it changed, in
 * instant order. Changes arrive out of order while a log is taken in; they wait in `pending`
 * and are sorted in before the next question.
 */
type Series = { readonly area: string; readonly key: string; instants: string[]; totals: number[]; pending: [instant: string, n: number][] };

const SEPARATOR = '\u0000';

/**
 * The annual return's summed cells as known at any instant: each case's facts at every instant
 * its contribution changed (when an event of it, or a retraction, was recorded) enter as a
 * change of the cells at that instant, so the cells as known at T are the changes up to T, one
 * binary search a cell, and no case is folded at question time. The sums are those of the
 * cases' facts as known at T (returnFromCaseFacts), so the answers are the fold's.
 */
export class KnownAtCells {
  /** By reporting year (year cells) or by the first year they count (steady cells), then area and key. */
  readonly #years = new Map<ReportingYear, Map<string, Series>>();
  readonly #steady = new Map<ReportingYear, Map<string, Series>>();
  readonly #unsettled = new Set<Series>();

  /** Replaces one case's contribution through time (`before`, as last taken in) by `after`. */
  replace(before: readonly FactsVersion[], after: readonly FactsVersion[]): void {
    this.#enter(before, -1);
    this.#enter(after, 1);
  }

  /** A version counts from its instant until the next one's: a change at each (netted when settled). */
  #enter(versions: readonly FactsVersion[], sign: number): void {
    versions.forEach(({ instant, facts }, i) => {
      if (facts === null) return;
      const until = versions[i + 1]?.instant;
      for (const year in facts.years) this.#change(this.#years, year, facts.years[year]!, instant, until, sign);
      this.#change(this.#steady, facts.steadyFrom, facts.steady, instant, until, sign);
    });
  }

  #change(byCell: Map<ReportingYear, Map<string, Series>>, year: ReportingYear, facts: Facts, from: string, until: string | undefined, sign: number): void {
    let cells = byCell.get(year);
    if (cells === undefined) byCell.set(year, (cells = new Map()));
    for (const area in facts) {
      const byKey = facts[area]!;
      for (const key in byKey) {
        const cellId = area + SEPARATOR + key;
        let series = cells.get(cellId);
        if (series === undefined) cells.set(cellId, (series = { area, key, instants: [], totals: [], pending: [] }));
        const n = sign * byKey[key]!;
        series.pending.push([from, n]);
        if (until !== undefined) series.pending.push([until, -n]);
        this.#unsettled.add(series);
      }
    }
  }

  /** Sorts the changes taken in since the last call into their cells, so that questions only search. */
  settle(): void {
    for (const series of this.#unsettled) settle(series);
    this.#unsettled.clear();
  }

  /** The summed facts of a reporting year as known at `instant` (what the read models' returnFacts gives for now). */
  factsAt(year: ReportingYear, instant: string): Facts {
    const facts: Facts = {};
    const addCells = (cells: Map<string, Series> | undefined) => {
      if (cells === undefined) return;
      for (const series of cells.values()) {
        const total = totalAt(series, instant);
        if (total === 0) continue;
        const byKey = (facts[series.area] ??= {});
        byKey[series.key] = (byKey[series.key] ?? 0) + total;
      }
    };
    addCells(this.#years.get(year));
    for (const [from, cells] of this.#steady) if (from <= year) addCells(cells);
    return facts;
  }

  /** The first reporting year any case counts in as known at `instant` (firstYearOfCases of the fold). */
  firstYearAt(instant: string): ReportingYear | null {
    let first: ReportingYear | null = null;
    for (const byCell of [this.#years, this.#steady]) {
      for (const [year, cells] of byCell) {
        if (first !== null && year >= first) continue;
        for (const series of cells.values()) {
          if (totalAt(series, instant) !== 0) {
            first = year;
            break;
          }
        }
      }
    }
    return first;
  }
}

/** The cell's total as known at `instant`: the last total at or before it. */
function totalAt(series: Series, instant: string): number {
  if (series.pending.length > 0) settle(series);
  const { instants, totals } = series;
  let lo = 0;
  let hi = instants.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (instants[mid]! <= instant) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? 0 : totals[lo - 1]!;
}

/** Sorts the pending changes in: the totals again from the changes, equal instants merged, empty changes dropped. */
function settle(series: Series): void {
  const changes: [string, number][] = series.instants.map((instant, i) => [instant, series.totals[i]! - (i === 0 ? 0 : series.totals[i - 1]!)]);
  changes.push(...series.pending);
  changes.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const instants: string[] = [];
  const totals: number[] = [];
  let total = 0;
  for (let i = 0; i < changes.length; ) {
    const instant = changes[i]![0];
    let n = 0;
    for (; i < changes.length && changes[i]![0] === instant; i++) n += changes[i]![1];
    if (n === 0) continue;
    total += n;
    instants.push(instant);
    totals.push(total);
  }
  series.instants = instants;
  series.totals = totals;
  series.pending = [];
}
