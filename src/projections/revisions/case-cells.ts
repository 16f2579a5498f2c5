import { standingTimeline, type RecordedEvent } from '../../domain/case/retraction.js';
import type { ReportingYear } from '../../domain/shared/reporting-year.js';
import { NATIONAL } from '../../domain/shared/areas.js';
import type { ReturnFormat } from '../annual-return/return-types.js';
import { caseFacts } from '../annual-return/case-facts.js';
import { coveredFacts, factsForYear } from '../annual-return/assemble-return.js';
import { returnRows } from '../annual-return/rows.js';
import { cellKey } from './cell-key.js';


/** The return a revision is measured on: one area (or England and Wales), one year, one format. */
export type ReturnCoordinates = { readonly area: string; readonly reportingYear: ReportingYear; readonly format: ReturnFormat };

/**
 * The rate per 100,000 is no sum of cases' contributions: a case changes it through the count of
 * registered sexual offenders it is computed from. Its causes are that figure's.
 */
export const RATE_SOURCE: Readonly<Record<string, string>> = { [cellKey('R09', 'rate')]: cellKey('R01', 'cat1'), [cellKey('E04', 'rate')]: cellKey('E01', 'cat1') };

/**
 * What one case contributes to each figure of a return, from the given events (its timeline is
 * built from them here: the one place that decides which recorded events a case is folded from;
 * what a retraction among them took out is left out, docs/DOMAIN.md section 10).
 */
export function caseCells(entries: readonly RecordedEvent[], at: ReturnCoordinates): ReadonlyMap<string, number> {
  const cells = new Map<string, number>();
  const timeline = standingTimeline(entries);
  const facts = timeline.length === 0 ? null : caseFacts(timeline);
  const year = facts === null ? null : factsForYear(facts, at.reportingYear);
  if (year === null) return cells;
  const rows = returnRows(at.format, { facts: coveredFacts(year, at.area), populations: {}, national: at.area === NATIONAL });
  for (const row of rows) for (const [cell, value] of Object.entries(row.cells)) if (value !== null && value !== 0) cells.set(cellKey(row.id, cell), value);
  return cells;
}
