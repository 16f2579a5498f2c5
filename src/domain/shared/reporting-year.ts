import { z } from 'zod';
import { WIRE_YEARS, type BusinessDate } from './business-date.js';

/** A reporting year runs 1 April to 31 March and is written `2008-09`. */
export type ReportingYear = string;

/**
 * The last reporting year the engine answers for (it ends on 31 March of the last year of the
 * wire format's dates). A case's return facts are computed up to it and no further: beyond it
 * a case counts as it stood at its end, so a basis ending thousands of years away costs no
 * more work than one ending next year.
 */
export const LAST_REPORTING_YEAR = WIRE_YEARS.last - 1;

export function isReportingYear(value: string): boolean {
  const m = /^(\d{4})-(\d{2})$/.exec(value);
  if (!m) return false;
  const start = Number(m[1]);
  return start >= 1900 && start <= 9998 && Number(m[2]) === (start + 1) % 100;
}

const REPORTING_YEAR = 'must be a reporting year written YYYY-YY, e.g. 2008-09';

/** A reporting year as stored in events (what the log may already hold). */
export const storedReportingYear = z.string().refine(isReportingYear, { message: REPORTING_YEAR });

/** A reporting year on the wire: up to LAST_REPORTING_YEAR. */
export const reportingYear = z
  .string()
  .refine(isReportingYear, { message: REPORTING_YEAR, abort: true })
  .refine((value) => startYearOf(value) <= LAST_REPORTING_YEAR, {
    message: `must be a reporting year from 1900-01 to ${reportingYearStarting(LAST_REPORTING_YEAR)}`,
  });

export function reportingYearStarting(startYear: number): ReportingYear {
  return `${startYear}-${String((startYear + 1) % 100).padStart(2, '0')}`;
}

export function startYearOf(year: ReportingYear): number {
  return Number(year.slice(0, 4));
}

export function reportingYearOf(date: BusinessDate): ReportingYear {
  const year = Number(date.slice(0, 4));
  return reportingYearStarting(date.slice(5) >= '04-01' ? year : year - 1);
}

export function firstDayOf(year: ReportingYear): BusinessDate {
  return `${startYearOf(year)}-04-01`;
}

/** The snapshot day of the return: 31 March at the end of the year. */
export function snapshotDayOf(year: ReportingYear): BusinessDate {
  return `${startYearOf(year) + 1}-03-31`;
}

