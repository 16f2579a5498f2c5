import { cellOf, eligibleRow, rateRow, rowOf, type AnnualReturn } from './annual-return.js';

export type TrendPoint = { readonly year: string; readonly cell: string; readonly value: number | null };

/** One row across years: its cells (in the order they first appear) and a point per year and cell. */
export function trendOf(returns: readonly AnnualReturn[], rowId: string): { readonly cells: readonly string[]; readonly points: readonly TrendPoint[] } {
  const cells: string[] = [];
  for (const r of returns) for (const cell of Object.keys(rowOf(r, rowId)?.cells ?? {})) if (!cells.includes(cell)) cells.push(cell);
  const points = returns.flatMap((r) => cells.map((cell) => ({ year: r.reportingYear, cell, value: rowOf(r, rowId) ? (rowOf(r, rowId)!.cells[cell] ?? 0) : null })));
  return { cells, points };
}

export type AreaRate = { readonly area: string; readonly rate: number | null; readonly registered: number | null };

/** Registered sexual offenders per 100,000 in each area, highest first; areas without a population last. */
export function ratesByArea(returns: readonly AnnualReturn[]): AreaRate[] {
  const rates = returns.map((r) => ({ area: r.area, rate: cellOf(r, rateRow(r.format), 'rate'), registered: cellOf(r, eligibleRow(r.format), 'cat1') }));
  return rates.sort((a, b) => (a.rate === null ? (b.rate === null ? a.area.localeCompare(b.area) : 1) : b.rate === null ? -1 : b.rate - a.rate || a.area.localeCompare(b.area)));
}
