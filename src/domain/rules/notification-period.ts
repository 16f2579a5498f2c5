import { addDays, addMonths, addYears, type BusinessDate } from '../shared/business-date.js';
import type { RegisteredSexualOffenderBasis } from '../case/basis.js';
import { inForceOn, type Edition } from './editions.js';

/**
 * Sexual Offences Act 2003 s.82: how long a registered sexual offender must notify, by the
 * disposal for the offence. Periods are in months so that halving for under-18s is exact.
 */
export type NotificationPeriod =
  | { readonly kind: 'indefinite' }
  | { readonly kind: 'months'; readonly months: number; readonly halvedUnder18: boolean };

export type NotificationPeriodRow = {
  readonly disposal: RegisteredSexualOffenderBasis['disposal'];
  readonly applies: (b: RegisteredSexualOffenderBasis) => boolean;
  readonly period: (b: RegisteredSexualOffenderBasis) => NotificationPeriod;
};

const INDEFINITE: NotificationPeriod = { kind: 'indefinite' };
const years = (n: number): NotificationPeriod => ({ kind: 'months', months: n * 12, halvedUnder18: true });
const custodial = (b: RegisteredSexualOffenderBasis) => b.custodialMonths ?? 0;

/** The s.82 table, first matching row wins. */
export const NOTIFICATION_PERIODS: readonly NotificationPeriodRow[] = [
  { disposal: 'custody', applies: (b) => b.indefinite === true || custodial(b) >= 30, period: () => INDEFINITE },
  { disposal: 'custody', applies: (b) => custodial(b) > 6, period: () => years(10) },
  { disposal: 'custody', applies: () => true, period: () => years(7) },
  { disposal: 'hospital-restriction', applies: () => true, period: () => INDEFINITE },
  { disposal: 'hospital', applies: () => true, period: () => years(7) },
  { disposal: 'caution', applies: () => true, period: () => years(2) },
  {
    disposal: 'conditional-discharge',
    applies: () => true,
    period: (b) => ({ kind: 'months', months: b.conditionalDischargeMonths ?? 0, halvedUnder18: false }),
  },
  { disposal: 'other', applies: () => true, period: () => years(5) },
];

/**
 * The table by edition, keyed by the relevant date: the period is the one the law set on the day
 * of the conviction, finding or caution. One edition so far.
 */
export const NOTIFICATION_PERIOD_EDITIONS: readonly Edition<readonly NotificationPeriodRow[]>[] = [
  { effectiveFrom: null, source: 'Sexual Offences Act 2003 s.82', provisional: false, rules: NOTIFICATION_PERIODS },
];

export function notificationPeriod(basis: RegisteredSexualOffenderBasis): NotificationPeriod {
  const row = inForceOn(NOTIFICATION_PERIOD_EDITIONS, basis.relevantDate).rules.find((r) => r.disposal === basis.disposal && r.applies(basis));
  // The table ends every disposal with a catch-all row, so a miss is a bug in the table.
  if (!row) throw new Error(`no notification period row for disposal ${basis.disposal}`);
  return row.period(basis);
}

/** Under 18 on the relevant date; a 29 February birthday falls on 28 February in other years. */
export function isUnder18On(dateOfBirth: BusinessDate, date: BusinessDate): boolean {
  return date < addYears(dateOfBirth, 18);
}

/**
 * The last day of notification (null: indefinite). A period of N beginning with R ends on
 * R + N - 1 day. An explicit `notificationEnds` or `indefinite: true` overrides the table.
 */
export function notificationLastDay(basis: RegisteredSexualOffenderBasis, dateOfBirth: BusinessDate): BusinessDate | null {
  return notificationLastDayFor(basis, isUnder18On(dateOfBirth, basis.relevantDate));
}

/** The same, given whether the subject was under 18 on the relevant date (what a stored basis carries). */
export function notificationLastDayFor(basis: RegisteredSexualOffenderBasis, under18: boolean): BusinessDate | null {
  if (basis.notificationEnds !== undefined) return basis.notificationEnds;
  if (basis.indefinite === true) return null;
  const period = notificationPeriod(basis);
  if (period.kind === 'indefinite') return null;
  const months = period.halvedUnder18 && under18 ? period.months / 2 : period.months;
  return addDays(addMonths(basis.relevantDate, months), -1);
}
