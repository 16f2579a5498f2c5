import { z } from 'zod';

/**
 * A calendar date in Europe/London, written YYYY-MM-DD. Strings compare in date order,
 * so the domain keeps them as strings and does arithmetic on day numbers.
 */
export type BusinessDate = string;

const DATE_SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export function isBusinessDate(value: string): boolean {
  const m = DATE_SHAPE.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  return year >= 1900 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/**
 * The years a date of the wire format may fall in (commands, query parameters). A date outside
 * is a typing error, and one thousands of years away would only cost work wherever a case is
 * followed year by year; stored events keep the wider `storedBusinessDate`, so a log written
 * before the bound still reads.
 */
export const WIRE_YEARS = { first: 1900, last: 2200 } as const;

/** Whether a date's year (as written) is within WIRE_YEARS; anything that is not a date passes, to be refused as such. */
export function isWithinWireYears(value: string): boolean {
  const year = Number(value.slice(0, 4));
  return !Number.isInteger(year) || (year >= WIRE_YEARS.first && year <= WIRE_YEARS.last);
}

const CALENDAR_DATE = 'must be a calendar date written YYYY-MM-DD (1900 or later)';

/** A date as stored in events: any calendar date from 1900 (what the log may already hold). */
export const storedBusinessDate = z.string().refine(isBusinessDate, { message: CALENDAR_DATE });

/** A date on the wire: a calendar date within WIRE_YEARS. */
export const businessDate = z
  .string()
  .refine(isBusinessDate, { message: CALENDAR_DATE, abort: true })
  .refine(isWithinWireYears, { message: `must be a date from ${WIRE_YEARS.first}-01-01 to ${WIRE_YEARS.last}-12-31` });

function parts(date: BusinessDate): [number, number, number] {
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}

function format(year: number, month: number, day: number): BusinessDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Days since 1970-01-01 (proleptic Gregorian), by Howard Hinnant's civil-date algorithm. */
export function toDayNumber(date: BusinessDate): number {
  const [y0, m, d] = parts(date);
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function fromDayNumber(days: number): BusinessDate {
  const z0 = days + 719468;
  const era = Math.floor(z0 / 146097);
  const doe = z0 - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return format(yoe + era * 400 + (m <= 2 ? 1 : 0), m, d);
}

export function addDays(date: BusinessDate, days: number): BusinessDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Calendar months; a day missing from the target month becomes its last day (29 Feb + 12 months = 28 Feb). */
export function addMonths(date: BusinessDate, months: number): BusinessDate {
  const [y, m, d] = parts(date);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return format(year, month, Math.min(d, daysInMonth(year, month)));
}

export function addYears(date: BusinessDate, years: number): BusinessDate {
  return addMonths(date, years * 12);
}

export function minDate(a: BusinessDate, b: BusinessDate): BusinessDate {
  return a <= b ? a : b;
}

export function maxDate(a: BusinessDate, b: BusinessDate): BusinessDate {
  return a >= b ? a : b;
}
