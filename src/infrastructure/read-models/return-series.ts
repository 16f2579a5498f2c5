import { reportingYearStarting, startYearOf, type ReportingYear } from '../../domain/shared/reporting-year.js';
import { formatsOffered, type ReturnFormat } from '../../projections/annual-return/return-types.js';
import type { CaseFacts } from '../../projections/annual-return/case-facts.js';
import type { Facts } from '../../projections/annual-return/facts.js';

/** A series never spans more years than this, whatever dates the log holds. */
const MAX_SERIES_YEARS = 100;

/** The reporting years from `first` to `last`, both included (the latest `MAX_SERIES_YEARS` of them). */
export function reportingYearsBetween(first: ReportingYear | null, last: ReportingYear): ReportingYear[] {
  if (first === null || first > last) return [];
  const from = Math.max(startYearOf(first), startYearOf(last) - MAX_SERIES_YEARS + 1);
  const years: ReportingYear[] = [];
  for (let y = from; y <= startYearOf(last); y++) years.push(reportingYearStarting(y));
  return years;
}

/** The years of a series asked in one format: those that offer it (format 2024 from its first year); all without one. */
export function yearsOffering(years: readonly ReportingYear[], format: ReturnFormat | undefined): ReportingYear[] {
  return format === undefined ? [...years] : years.filter((y) => formatsOffered(y).includes(format));
}

const countsSomething = (facts: Facts) => Object.values(facts).some((byKey) => Object.values(byKey).some((n) => n !== 0));

/** The first reporting year any of these cases counts in (as the read models' first summed cell). */
export function firstYearOfCases(cases: readonly CaseFacts[]): ReportingYear | null {
  let first: ReportingYear | null = null;
  const consider = (year: ReportingYear, facts: Facts) => {
    if ((first === null || year < first) && countsSomething(facts)) first = year;
  };
  for (const c of cases) {
    for (const [year, facts] of Object.entries(c.years)) consider(year, facts);
    consider(c.steadyFrom, c.steady);
  }
  return first;
}
