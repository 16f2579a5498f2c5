import type { AreaCode } from '../shared/areas.js';
import type { Agency } from '../shared/agencies.js';
import type { BusinessDate } from '../shared/business-date.js';
import type { Category, EligibilityBasis } from './basis.js';
import type { CaseEvent, EventOf } from './events.js';
import type { Level, OrderType, SfoOutcome } from './vocabulary.js';

export type BasisEndReason = EventOf<'EligibilityBasisEnded'>['reason'] | 'death';

export type BasisState = {
  readonly basis: EligibilityBasis;
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
  readonly subject: { readonly ref: string; readonly dateOfBirth: BusinessDate };
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

/** The lowest category among the bases active that day (1 before 2 before 3); null: not eligible. */
export function reportedCategoryOn(c: Case, date: BusinessDate): Category | null {
  return reportedCategoryAmong(c.bases, date);
}

export function reportedCategoryAmong(bases: readonly BasisDates[], date: BusinessDate): Category | null {
  let category: Category | null = null;
  for (const b of bases) {
    if ((category === null || b.category < category) && isBasisActiveOn(b, date)) category = b.category;
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

/** Category 3 may be reported only at level 2 or 3 (docs/DOMAIN.md section 3). */
export function breaksCategory3Rule(c: Case, date: BusinessDate): boolean {
  return c.open && !c.deceased && c.level === 1 && reportedCategoryOn(c, date) === 3;
}

/** Events after which the category-3 rule must be checked: they change the level, the bases or reopen. */
export function changesCategoryOrLevel(event: CaseEvent): boolean {
  switch (event.type) {
    case 'OffenderReferred':
    case 'EligibilityBasisAdded':
    case 'EligibilityBasisEnded':
    case 'ManagementLevelChanged':
    case 'CaseReopened':
      return true;
    default:
      return false;
  }
}
