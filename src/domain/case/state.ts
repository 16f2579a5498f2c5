import { categoryRanksOn } from '../rules/categories.js';
import type { AreaCode } from '../shared/areas.js';
import type { Agency } from '../shared/agencies.js';
import type { BusinessDate } from '../shared/business-date.js';
import type { Category, StoredEligibilityBasis } from './basis.js';
import type { StoredSubject } from './subject.js';
import type { EventOf } from './events.js';
import type { Level, OrderType, SfoOutcome } from './vocabulary.js';

export type BasisEndReason = EventOf<'EligibilityBasisEnded'>['reason'] | 'death';

export type BasisState = {
  readonly basis: StoredEligibilityBasis;
  readonly category: Category;
  /** First day the basis is active. */
  readonly start: BusinessDate;
  /** Last day by law or by its terms (notification period, licence or order end); null: no end. */
  readonly lastDay: BusinessDate | null;
  readonly addedOn: BusinessDate;
  /** Ended by EndEligibilityBasis or death: inactive from this day on. */
  readonly endedOn: BusinessDate | null;
  readonly endReason: BasisEndReason | null;
};

export type OrderStatus = 'pending' | 'interim' | 'full' | 'refused' | 'discharged';

export type OrderState = {
  readonly orderId: string;
  readonly orderType: OrderType;
  readonly applicant: 'police' | 'nca' | null;
  readonly madeOnConviction: boolean;
  readonly status: OrderStatus;
  readonly appliedOn: BusinessDate | null;
  readonly interimOn: BusinessDate | null;
  readonly fullOn: BusinessDate | null;
  /** Last day of a full order; null: indefinite. */
  readonly ends: BusinessDate | null;
  readonly closedOn: BusinessDate | null;
  readonly breaches: number;
};

export type ChargeState = {
  readonly chargeId: string;
  readonly chargedOn: BusinessDate;
  readonly offenceDate: BusinessDate;
  readonly outcome: SfoOutcome | null;
  readonly outcomeOn: BusinessDate | null;
  readonly resolvedByDeath: boolean;
};

export type MeetingState = Omit<EventOf<'MappMeetingRecorded'>, 'type'>;

export type CustodyReason = EventOf<'TakenIntoCustody'>['reason'] | 'recall' | 'order-breach';

/** One offender's MAPPA management in one area, as folded from its timeline. */
export type Case = {
  readonly referredOn: BusinessDate;
  readonly area: AreaCode;
  readonly localUnit: string | null;
  readonly leadAgency: Agency;
  /** As stored: sealed (opened only by the reads that show it), or clear in a log written before sealing. */
  readonly subject: StoredSubject;
  readonly open: boolean;
  readonly closedOn: BusinessDate | null;
  readonly closeReason: EventOf<'CaseClosed'>['reason'] | 'death' | null;
  readonly deceased: boolean;
  readonly diedOn: BusinessDate | null;
  readonly level: Level;
  readonly inCustody: boolean;
  readonly custodyReason: CustodyReason | null;
  /** Last day of the licence the subject was last released on; null: not released on licence. */
  readonly licenceEnds: BusinessDate | null;
  readonly bases: readonly BasisState[];
  readonly orders: readonly OrderState[];
  readonly charges: readonly ChargeState[];
  readonly meetingIds: readonly string[];
  readonly lastMeeting: MeetingState | null;
  readonly lastEventOn: BusinessDate;
  readonly eventCount: number;
};

/** Before its referral a case does not exist. */
export type CaseState = Case | null;

/** The dates that decide whether a basis is active: all a reader needs to apply the rule later. */
export type BasisDates = Pick<BasisState, 'category' | 'start' | 'lastDay' | 'endedOn'>;

export function isBasisActiveOn(b: BasisDates, date: BusinessDate): boolean {
  return b.start <= date && (b.lastDay === null || date <= b.lastDay) && (b.endedOn === null || date < b.endedOn);
}

export function activeBasesOn(c: Case, date: BusinessDate): readonly BasisState[] {
  return c.bases.filter((b) => isBasisActiveOn(b, date));
}

/**
 * The category that leads among the bases active that day, by the precedence of the edition in
 * force on it (1 before 2 before 3; from the category-4 edition, 4 first); null: not eligible.
 */
export function reportedCategoryOn(c: Case, date: BusinessDate): Category | null {
  return reportedCategoryAmong(c.bases, date);
}

export function reportedCategoryAmong(bases: readonly BasisDates[], date: BusinessDate): Category | null {
  const rank = categoryRanksOn(date);
  let category: Category | null = null;
  for (const b of bases) {
    if ((category === null || rank[b.category]! < rank[category]!) && isBasisActiveOn(b, date)) category = b.category;
  }
  return category;
}

/** "Eligible on D": open, alive, at least one basis active on D (docs/DOMAIN.md section 7). */
export function isEligibleOn(c: Case, date: BusinessDate): boolean {
  return c.open && !c.deceased && reportedCategoryOn(c, date) !== null;
}

export function isOnLicenceOn(c: Case, date: BusinessDate): boolean {
  return c.licenceEnds !== null && date <= c.licenceEnds;
}

/** An interim order, or a full order not discharged and not past its end. */
export function isOrderInForceOn(o: OrderState, date: BusinessDate): boolean {
  return o.status === 'interim' || (o.status === 'full' && (o.ends === null || date <= o.ends));
}

export function orderById(c: Case, orderId: string): OrderState | undefined {
  return c.orders.find((o) => o.orderId === orderId);
}

export function chargeById(c: Case, chargeId: string): ChargeState | undefined {
  return c.charges.find((ch) => ch.chargeId === chargeId);
}

export function basisById(c: Case, basisId: string): BasisState | undefined {
  return c.bases.find((b) => b.basis.basisId === basisId);
}

/** What decides whether a review is overdue: all a reader needs to apply the rule later. */
export type ReviewDates = { readonly open: boolean; readonly level: Level; readonly nextReviewDue: BusinessDate | null };

export function reviewDatesOf(c: Case): ReviewDates {
  return { open: c.open, level: c.level, nextReviewDue: c.lastMeeting?.nextReviewDue ?? null };
}

/**
 * A review meeting was due before `date`: the case is open and managed at level 2 or 3 (the
 * levels managed through MAPP meetings), and its last meeting set a review date before it.
 * A case stepped down to level 1 has no meetings to review.
 */
export function isReviewOverdueOn(r: ReviewDates, date: BusinessDate): boolean {
  return r.open && r.level !== 1 && r.nextReviewDue !== null && r.nextReviewDue < date;
}
