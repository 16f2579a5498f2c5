import { addDays } from '../../domain/shared/business-date.js';
import { londonDate } from '../clock.js';

/** The first instant of a calendar day in Europe/London (00:00 GMT or 00:00 BST), as an ISO instant. */
export function londonDayStart(date: string): string {
  const utcMidnight = Date.parse(`${date}T00:00:00.000Z`);
  // London is UTC+0 or UTC+1: midnight there is 23:00 UTC the day before, or 00:00 UTC.
  const oneHourEarlier = new Date(utcMidnight - 3_600_000);
  return (londonDate(oneHourEarlier) === date ? oneHourEarlier : new Date(utcMidnight)).toISOString();
}

/** The last millisecond of a calendar day in Europe/London. */
export function londonDayEnd(date: string): string {
  // 31 December 9999 has no next day written YYYY-MM-DD; London keeps GMT in December.
  if (date === '9999-12-31') return `${date}T23:59:59.999Z`;
  return new Date(Date.parse(londonDayStart(addDays(date, 1))) - 1).toISOString();
}

/** A bound given as a date (a whole London day) or an instant, as a comparable ISO instant. */
export function instantBound(value: string, side: 'from' | 'to'): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return side === 'from' ? londonDayStart(value) : londonDayEnd(value);
  return new Date(value).toISOString();
}
