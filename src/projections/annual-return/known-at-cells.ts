import type { ReportingYear } from '../../domain/shared/reporting-year.js';
import type { CaseFacts } from './case-facts.js';
import type { Facts } from './facts.js';
import { questionKey, recordedKey } from './instant-keys.js';

/** A case's contribution to the returns from an instant on: its facts as known then (null: none). */
export type FactsVersion = { readonly instant: string; readonly facts: CaseFacts | null };

/**
 * One summed cell through time: its total as known at each instant at which it changed, in
 * instant order. Changes arrive out of order while a log is taken in; they wait in `pending`
 * (instants and amounts side by side: a pair array each would weigh several times more) and
 * are sorted in before the next question, or as soon as they outnumber the settled ones, so
 * that what waits never outgrows what is settled (a national log is taken in case by case).
 */
type Series = {
  readonly area: string;
  readonly key: string;
  instants: string[];
  /** The instants as numbers (instant-keys.ts), NaN for one without; `numeric` when none is NaN. */
  keys: number[];
  numeric: boolean;
  totals: number[];
  pendingInstants: string[];
  pendingChanges: number[];
};

/** Below this many waiting changes a series is not sorted early: sorting few often costs more than it saves. */
const SETTLE_EARLY_AT = 1024;

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

  /**
   * A version counts from its instant until the next one's: what changed from the previous
   * version enters at its instant. Only cells whose count changed enter (most of a case's cells
   * stay as they were from one event to the next), so a long log waits in few changes.
   */
  #enter(versions: readonly FactsVersion[], sign: number): void {
    let previous: CaseFacts | null = null;
    for (const { instant, facts } of versions) {
      if (facts !== previous) this.#enterChange(previous, facts, instant, sign);
      previous = facts;
    }
  }

  #enterChange(before: CaseFacts | null, after: CaseFacts | null, instant: string, sign: number): void {
    const steadyOf = (facts: CaseFacts | null, from: ReportingYear) => (facts !== null && facts.steadyFrom === from ? facts.steady : undefined);
    if (after !== null) {
      for (const year in after.years) this.#changeCells(this.#years, year, after.years[year]!, before?.years[year], instant, sign, false);
      this.#changeCells(this.#steady, after.steadyFrom, after.steady, steadyOf(before, after.steadyFrom), instant, sign, false);
    }
    if (before !== null) {
      for (const year in before.years) this.#changeCells(this.#years, year, before.years[year]!, after?.years[year], instant, -sign, true);
      this.#changeCells(this.#steady, before.steadyFrom, before.steady, steadyOf(after, before.steadyFrom), instant, -sign, true);
    }
  }

  /**
   * Each cell of `facts` enters as its difference from the same cell of `other`; with `goneOnly`,
   * only the cells `other` lacks enter, whole (those both have entered from the other side).
   */
  #changeCells(byCell: Map<ReportingYear, Map<string, Series>>, year: ReportingYear, facts: Facts, other: Facts | undefined, instant: string, sign: number, goneOnly: boolean): void {
    for (const area in facts) {
      const byKey = facts[area]!;
      const otherByKey = other?.[area];
      for (const key in byKey) {
        const was = otherByKey?.[key];
        if (goneOnly && was !== undefined) continue;
        const n = byKey[key]! - (goneOnly ? 0 : (was ?? 0));
        if (n !== 0) this.#change(byCell, year, area, key, instant, sign * n);
      }
    }
  }

  #change(byCell: Map<ReportingYear, Map<string, Series>>, year: ReportingYear, area: string, key: string, instant: string, n: number): void {
    let cells = byCell.get(year);
    if (cells === undefined) byCell.set(year, (cells = new Map()));
    const cellId = area + SEPARATOR + key;
    let series = cells.get(cellId);
    if (series === undefined) cells.set(cellId, (series = { area, key, instants: [], keys: [], numeric: true, totals: [], pendingInstants: [], pendingChanges: [] }));
    series.pendingInstants.push(instant);
    series.pendingChanges.push(n);
    if (series.pendingInstants.length >= SETTLE_EARLY_AT && series.pendingInstants.length >= series.instants.length) settle(series);
    else this.#unsettled.add(series);
  }

  /** Sorts the changes taken in since the last call into their cells, so that questions only search. */
  settle(): void {
    for (const series of this.#unsettled) settle(series);
    this.#unsettled.clear();
  }

  /** The summed facts of a reporting year as known at `instant` (what the read models' returnFacts gives for now). */
  factsAt(year: ReportingYear, instant: string): Facts {
    const facts: Facts = {};
    const key = questionKey(instant);
    const addCells = (cells: Map<string, Series> | undefined) => {
      if (cells === undefined) return;
      for (const series of cells.values()) {
        const total = totalAt(series, instant, key);
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
    const key = questionKey(instant);
    for (const byCell of [this.#years, this.#steady]) {
      for (const [year, cells] of byCell) {
        if (first !== null && year >= first) continue;
        for (const series of cells.values()) {
          if (totalAt(series, instant, key) !== 0) {
            first = year;
            break;
          }
        }
      }
    }
    return first;
  }
}

/** The cell's total as known at `instant` (`key`: its questionKey): the last total at or before it. */
function totalAt(series: Series, instant: string, key: number | undefined): number {
  if (series.pendingInstants.length > 0) settle(series);
  const { instants, keys, totals } = series;
  let lo = 0;
  let hi = instants.length;
  if (key !== undefined && series.numeric) {
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (keys[mid]! <= key) lo = mid + 1;
      else hi = mid;
    }
  } else {
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (instants[mid]! <= instant) lo = mid + 1;
      else hi = mid;
    }
  }
  return lo === 0 ? 0 : totals[lo - 1]!;
}

/**
 * Sorts the pending changes in: merged with the settled ones in instant order, equal instants
 * summed, changes that net to nothing dropped, the totals summed again from the start.
 */
function settle(series: Series): void {
  const { pendingInstants, pendingChanges } = series;
  if (pendingInstants.length === 0) return;
  const order = Array.from(pendingInstants.keys()).sort((a, b) => (pendingInstants[a]! < pendingInstants[b]! ? -1 : pendingInstants[a]! > pendingInstants[b]! ? 1 : 0));
  const settled = series.instants;
  const settledKeys = series.keys;
  const settledTotals = series.totals;
  const instants: string[] = [];
  const keys: number[] = [];
  const totals: number[] = [];
  let total = 0;
  let s = 0;
  let p = 0;
  while (s < settled.length || p < order.length) {
    const instant = p === order.length || (s < settled.length && settled[s]! <= pendingInstants[order[p]!]!) ? settled[s]! : pendingInstants[order[p]!]!;
    let n = 0;
    // A settled instant keeps its number; a new one is worked out once, here.
    let key: number | undefined;
    for (; s < settled.length && settled[s] === instant; s++) {
      n += settledTotals[s]! - (s === 0 ? 0 : settledTotals[s - 1]!);
      key = settledKeys[s]!;
    }
    for (; p < order.length && pendingInstants[order[p]!] === instant; p++) n += pendingChanges[order[p]!]!;
    if (n === 0) continue;
    total += n;
    instants.push(instant);
    keys.push(key ?? recordedKey(instant));
    totals.push(total);
  }
  series.instants = instants;
  series.keys = keys;
  series.numeric = !keys.some(Number.isNaN);
  series.totals = totals;
  series.pendingInstants = [];
  series.pendingChanges = [];
}
