import { NATIONAL } from '../../domain/shared/areas.js';
import type { BusinessDate } from '../../domain/shared/business-date.js';
import { snapshotDayOf, type ReportingYear } from '../../domain/shared/reporting-year.js';
import { defaultFormat, type AnnualReturn, type ReturnFormat } from './return-types.js';
import type { CaseFacts } from './case-facts.js';
import { mergeFacts, type Facts } from './facts.js';
import { returnRows } from './rows.js';

/** What one case contributes to one year's returns (nothing before its referral year). */
export function factsForYear(facts: CaseFacts, year: ReportingYear): Facts | null {
  return facts.years[year] ?? (year >= facts.steadyFrom ? facts.steady : null);
}

export type ReturnQuery = {
  readonly area: string;
  readonly reportingYear: ReportingYear;
  readonly format?: ReturnFormat;
  readonly knownAt?: string | null;
  /** The business day the figures are as known (the caller's clock, or the day of knownAt); absent: they are taken as final. */
  readonly figuresOn?: BusinessDate;
};

/** Only the areas the return covers: one area, or every area for England and Wales. */
export function coveredFacts(facts: Facts, area: string): Facts {
  if (area === NATIONAL) return facts;
  return facts[area] ? { [area]: facts[area] } : {};
}

/** The format a query is answered in: the one asked for, or the year's default. */
export function formatOf(query: Pick<ReturnQuery, 'format' | 'reportingYear'>): ReturnFormat {
  return query.format ?? defaultFormat(query.reportingYear);
}

/** `populations`: by area, on the basis the format rates on (populationBasisOf); an area without one is absent. */
export function assembleReturn(query: ReturnQuery, facts: Facts, populations: Readonly<Record<string, number>>): AnnualReturn {
  const national = query.area === NATIONAL;
  const format = formatOf(query);
  const covered = national ? populations : populations[query.area] !== undefined ? { [query.area]: populations[query.area]! } : {};
  return {
    area: query.area,
    reportingYear: query.reportingYear,
    format,
    knownAt: query.knownAt ?? null,
    provisional: query.figuresOn !== undefined && query.figuresOn <= snapshotDayOf(query.reportingYear),
    rows: returnRows(format, { facts: coveredFacts(facts, query.area), populations: covered, national }),
  };
}

/** The return straight from cases' facts: what a rebuild and a `knownAt` query compute. */
export function returnFromCaseFacts(query: ReturnQuery, cases: Iterable<CaseFacts>, populations: Readonly<Record<string, number>>): AnnualReturn {
  const facts: Facts = {};
  for (const c of cases) {
    const year = factsForYear(c, query.reportingYear);
    if (year) mergeFacts(facts, year);
  }
  return assembleReturn(query, facts, populations);
}
