import type { CaseEvent } from '../../domain/case/events.js';
import type { Case } from '../../domain/case/state.js';
import { isEligibleOn, reportedCategoryOn } from '../../domain/case/state.js';
import type { Timeline } from '../../domain/case/timeline.js';
import { addDays, type BusinessDate } from '../../domain/shared/business-date.js';
import {
  firstDayOf, LAST_REPORTING_YEAR, reportingYearOf, reportingYearStarting, snapshotDayOf, startYearOf, type ReportingYear,
} from '../../domain/shared/reporting-year.js';
import { changePoints, dayStates, stateOn, type DayStates } from '../day-states.js';
import { addFact, markFact, unitKey, type Facts } from './facts.js';

/**
 * One case's contribution to every annual return: facts for each year from its referral to
 * the year of its last change point, and the facts it contributes every year after that
 * (nothing can change without a new event, so later years repeat them). Years stop at
 * LAST_REPORTING_YEAR, the last any return answers for: a change point beyond it (a basis
 * ending thousands of years away) costs nothing, and the case counts after it as it stood
 * at its end.
 */
export type CaseFacts = {
  readonly years: Record<ReportingYear, Facts>;
  readonly steadyFrom: ReportingYear;
  readonly steady: Facts;
};

/** The last day facts are computed for: the end of LAST_REPORTING_YEAR. */
const HORIZON_END = snapshotDayOf(reportingYearStarting(LAST_REPORTING_YEAR));

export function caseFacts(timeline: Timeline, days: DayStates = dayStates(timeline)): CaseFacts | null {
  // A change beyond the horizon is left out: up to it the case stays as it was before that change.
  const points = changePoints(days, HORIZON_END);
  if (days.dates.length === 0 || points.length === 0) return null;
  const lastPoint = points[points.length - 1]!;
  // Years compare as numbers: as text, "10000-01" sorts before "9999-00".
  const firstYear = startYearOf(reportingYearOf(days.dates[0]!));
  const settledYear = startYearOf(reportingYearOf(lastPoint));
  const years: Record<ReportingYear, Facts> = {};
  for (let y = firstYear; y <= settledYear; y++) years[reportingYearStarting(y)] = {};
  const factsOf = (date: BusinessDate) => years[reportingYearOf(date)];

  snapshots(days, years);
  managedAtLevel(days, points, years);
  activity(timeline, days, factsOf);
  const steady: Facts = {};
  charges(days, years, steady);
  steadyState(days, lastPoint, steady);
  return { years, steadyFrom: reportingYearStarting(settledYear + 1), steady };
}

/** R01/E01/R08: eligible and in the community on 31 March, by category, level and local unit. */
function snapshotFact(facts: Facts, c: Case | null, day: BusinessDate): void {
  if (c === null || c.inCustody || !isEligibleOn(c, day)) return;
  addFact(facts, c.area, `snapshot:${reportedCategoryOn(c, day)}:${c.level}:${unitKey(c.localUnit)}`);
}

function snapshots(days: DayStates, years: Record<ReportingYear, Facts>): void {
  for (const [year, facts] of Object.entries(years)) {
    const day = snapshotDayOf(year);
    snapshotFact(facts, stateOn(days, day), day);
  }
}

/**
 * R02/R03: cases that on at least one day of the year were eligible, in the area and at the
 * level; the category is the one reported on the last such day. Between change points the
 * case is constant, so each stretch is looked at once, for every year it overlaps.
 */
function managedAtLevel(days: DayStates, points: readonly BusinessDate[], years: Record<ReportingYear, Facts>): void {
  const last: Record<ReportingYear, Map<string, { area: string; key: string; category: number }>> = {};
  points.forEach((from, i) => {
    const c = stateOn(days, from);
    if (c === null || c.level === 1 || !isEligibleOn(c, from)) return;
    const category = reportedCategoryOn(c, from)!;
    const until = i + 1 < points.length ? addDays(points[i + 1]!, -1) : null;
    const lastYear = until === null ? Infinity : startYearOf(reportingYearOf(until));
    for (let y = startYearOf(reportingYearOf(from)); y <= lastYear && years[reportingYearStarting(y)] !== undefined; y++) {
      (last[reportingYearStarting(y)] ??= new Map()).set(`${c.area}|${c.level}`, { area: c.area, key: `managed:${c.level}`, category });
    }
  });
  for (const [year, byAreaLevel] of Object.entries(last)) {
    for (const { area, key, category } of byAreaLevel.values()) markFact(years[year]!, area, `${key}:${category}`);
  }
}

/** The event types `activity` counts; others are passed over before any lookup. */
const COUNTED_EVENTS: ReadonlySet<CaseEvent['type']> = new Set([
  'LicenceRecalled', 'CivilOrderBreached', 'NotificationBreachRecorded', 'EligibilityBasisEnded',
  'CivilOrderApplied', 'InterimCivilOrderMade', 'FullCivilOrderMade',
]);

/** Facts of the events themselves, in the area and at the level the case had that day. */
function activity(timeline: Timeline, days: DayStates, factsOf: (date: BusinessDate) => Facts | undefined): void {
  for (const { event } of timeline) {
    if (!COUNTED_EVENTS.has(event.type)) continue;
    const facts = factsOf(event.occurredOn);
    const c = stateOn(days, event.occurredOn);
    if (!facts || !c) continue;
    const atLevel = c.level === 1 ? null : c.level;
    switch (event.type) {
      case 'LicenceRecalled':
        if (atLevel) markFact(facts, c.area, `recall:${atLevel}`);
        break;
      case 'CivilOrderBreached': {
        const order = c.orders.find((o) => o.orderId === event.orderId);
        if (atLevel && order && event.disposal === 'custody') {
          markFact(facts, c.area, `orderCustody:${order.orderType}:${atLevel}`);
          markFact(facts, c.area, `anyOrderCustody:${atLevel}`);
        }
        break;
      }
      case 'NotificationBreachRecorded':
        markFact(facts, c.area, 'notificationBreach');
        break;
      case 'EligibilityBasisEnded':
        if (event.reason === 'revoked-on-review') markFact(facts, c.area, 'revokedOnReview');
        break;
      case 'CivilOrderApplied':
        addFact(facts, c.area, `order:${event.orderType}:applied`);
        break;
      case 'InterimCivilOrderMade': {
        const order = c.orders.find((o) => o.orderId === event.orderId);
        if (order) addFact(facts, c.area, `order:${order.orderType}:interim`);
        break;
      }
      case 'FullCivilOrderMade':
        addFact(facts, c.area, `order:${event.orderType}:full`);
        break;
      default:
        break;
    }
  }
}

/**
 * R06/R07: a charge counts when the case was at level 2 or 3 on the offence date, in the area
 * and at the level of that day; it is followed every year from its charge to its outcome.
 */
function charges(days: DayStates, years: Record<ReportingYear, Facts>, steady: Facts): void {
  const latest = days.states[days.states.length - 1]!;
  for (const charge of latest.charges) {
    const onOffence = stateOn(days, charge.offenceDate);
    if (onOffence === null || onOffence.level === 1) continue;
    const area = onOffence.area;
    const chargedIn = reportingYearOf(charge.chargedOn);
    if (years[chargedIn]) addFact(years[chargedIn], area, `sfoCharged:${onOffence.level}`);
    for (const [year, facts] of Object.entries(years)) {
      if (startYearOf(year) < startYearOf(chargedIn)) continue;
      if (charge.outcomeOn !== null && charge.outcomeOn < firstDayOf(year)) continue;
      const resolvedInYear = charge.outcomeOn !== null && charge.outcomeOn <= snapshotDayOf(year);
      addFact(facts, area, `sfoOutcome:${!resolvedInYear ? 'remain' : charge.outcome === 'convicted' ? 'convicted' : 'other'}`);
    }
    if (charge.outcome === null) addFact(steady, area, 'sfoOutcome:remain');
  }
}

/** After its last change point the case is what it then is, every year: snapshot and level rows. */
function steadyState(days: DayStates, from: BusinessDate, steady: Facts): void {
  const c = stateOn(days, from);
  snapshotFact(steady, c, from);
  if (c && c.level !== 1 && isEligibleOn(c, from)) markFact(steady, c.area, `managed:${c.level}:${reportedCategoryOn(c, from)}`);
}
