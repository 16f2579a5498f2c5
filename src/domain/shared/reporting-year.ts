import { z } from 'zod';
import type { BusinessDate } from './business-date.js';

/** A reporting year runs 1 April to 31 March and is written `2008-09`. */
export type ReportingYear = string;

export function isReportingYear(value: string): boolean {
  const m = /^(\d{4})-(\d{2})$/.exec(value);
  if (!m) return false;
  const start = Number(m[1]);
  return start >= 1900 && start <= 9998 && Number(m[2]) === (start + 1) % 100;
}

export const reportingYear = z
  .string()
  .refine(isReportingYear, { message: 'must be a reporting year written YYYY-YY, e.g. 2008-09' });

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

export function isInReportingYear(date: BusinessDate, year: ReportingYear): boolean {
  return date >= firstDayOf(year) && date <= snapshotDayOf(year);
}
