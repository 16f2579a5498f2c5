import type { BusinessDate } from '../shared/business-date.js';
import { domainError, type DomainError } from '../shared/domain-error.js';
import { isOrderTypeAvailable } from '../rules/civil-orders.js';
import { categoryAvailableFrom, isCategoryAvailableOn } from '../rules/categories.js';
import { basisStart, basisStartField, CATEGORY_OF_KIND, type EligibilityBasis } from './basis.js';
import type { CaseEvent } from './events.js';
import {
  basisById, chargeById, isBasisActiveOn, isOnLicenceOn, isOrderInForceOn, orderById, reportedCategoryOn,
  type Case, type CaseState,
} from './state.js';
import type { OrderType } from './vocabulary.js';

const unavailable = (type: OrderType, on: string) =>
  domainError('order-type-not-available', `a ${type} cannot be applied for or made on ${on}`);

/**
 * Whether an event may happen to the case as it stands just before it (the state at the end
 * of the previous event of the timeline). The same check serves a new command's events and
 * every later event re-checked after a backdated insert, so a rule lives here once.
 */
export function validateEvent(state: CaseState, event: CaseEvent): DomainError | null {
  if (event.type === 'OffenderReferred') return state === null ? unavailableCategory(event.basis) : caseAlreadyExists;
  const refusal = caseRefusalOn(state, event.occurredOn, event.type === 'CaseReopened');
  if (refusal) return refusal;
  if (event.type === 'CaseReopened') {
    if (state!.open) return domainError('case-not-closed', 'the case is open');
    if (event.basis && basisById(state!, event.basis.basisId)) return basisExists(event.basis.basisId);
    return event.basis ? unavailableCategory(event.basis) : null;
  }
  return validateOnOpenCase(state!, event);
}

export const caseAlreadyExists = domainError('case-already-exists', 'the case already exists');

export const subjectDeceased = (diedOn: BusinessDate | null) => domainError('subject-deceased', `the subject died on ${diedOn}; nothing more is accepted`);

/**
 * Whether the case as it stands on `on` takes anything at all: it exists by then, its subject is
 * alive, and it is open (a reopening is for a closed case; whether it is closed is its own check).
 */
export function caseRefusalOn(state: CaseState, on: BusinessDate, reopens: boolean): DomainError | null {
  if (state === null) return domainError('before-referral', `${on} is before the referral`);
  if (state.deceased) return subjectDeceased(state.diedOn);
  if (!reopens && !state.open) return domainError('case-closed', `the case was closed on ${state.closedOn}`);
  return null;
}

const basisExists = (basisId: string) => domainError('basis-already-exists', `basis ${basisId} already exists`);

/** A basis whose category the edition in force on its start does not know (category 4 before its edition). */
function unavailableCategory(basis: EligibilityBasis): DomainError | null {
  const category = CATEGORY_OF_KIND[basis.kind];
  const start = basisStart(basis);
  if (isCategoryAvailableOn(category, start)) return null;
  const field = `basis.${basisStartField(basis)}`;
  return domainError('category-not-available', `category ${category} (a ${basis.kind} basis) is not available on ${start}: ${field} must be on or after ${categoryAvailableFrom(category)}`);
}

function validateOnOpenCase(c: Case, event: Exclude<CaseEvent, { type: 'OffenderReferred' | 'CaseReopened' }>): DomainError | null {
  const on = event.occurredOn;
  switch (event.type) {
    case 'EligibilityBasisAdded':
      return basisById(c, event.basis.basisId) ? basisExists(event.basis.basisId) : unavailableCategory(event.basis);
    case 'EligibilityBasisEnded': {
      const basis = basisById(c, event.basisId);
      return basis && isBasisActiveOn(basis, on) ? null : domainError('basis-not-active', `basis ${event.basisId} is not active on ${on}`);
    }
    case 'MappMeetingRecorded':
      return c.meetingIds.includes(event.meetingId)
        ? domainError('meeting-already-recorded', `meeting ${event.meetingId} is already recorded`)
        : null;
    case 'TakenIntoCustody':
      return c.inCustody ? domainError('already-in-custody', 'the subject is already in custody') : null;
    case 'ReleasedFromCustody':
      return c.inCustody ? null : domainError('not-in-custody', 'the subject is not in custody');
    case 'LicenceRecalled':
      return !c.inCustody && isOnLicenceOn(c, on)
        ? null
        : domainError('not-on-licence', `the subject is not in the community on a licence running on ${on}`);
    case 'NotificationBreachRecorded':
      return c.bases.some((b) => b.category === 1 && isBasisActiveOn(b, on))
        ? null
        : domainError('not-subject-to-notification', `no registered-sexual-offender basis is active on ${on}`);
    case 'CivilOrderApplied':
      if (orderById(c, event.orderId)) return domainError('order-already-exists', `order ${event.orderId} already exists`);
      return isOrderTypeAvailable(event.orderType, on) ? null : unavailable(event.orderType, on);
    case 'InterimCivilOrderMade': {
      const order = orderById(c, event.orderId);
      if (order?.status !== 'pending') return domainError('no-pending-application', `order ${event.orderId} has no pending application`);
      return isOrderTypeAvailable(order.orderType, on) ? null : unavailable(order.orderType, on);
    }
    case 'FullCivilOrderMade': {
      const order = orderById(c, event.orderId);
      if (event.madeOnConviction) {
        if (order) return domainError('order-already-exists', `order ${event.orderId} already exists`);
      } else {
        if (order?.status !== 'pending' && order?.status !== 'interim') {
          return domainError('no-pending-application', `order ${event.orderId} has no pending application or interim order`);
        }
        if (order.orderType !== event.orderType) {
          return domainError('order-type-mismatch', `order ${event.orderId} was applied for as a ${order.orderType}`);
        }
      }
      return isOrderTypeAvailable(event.orderType, on) ? null : unavailable(event.orderType, on);
    }
    case 'CivilOrderRefused': {
      const order = orderById(c, event.orderId);
      return order?.status === 'pending' || order?.status === 'interim'
        ? null
        : domainError('no-pending-application', `order ${event.orderId} has no pending application or interim order`);
    }
    case 'CivilOrderDischarged':
    case 'CivilOrderBreached': {
      const order = orderById(c, event.orderId);
      return order && isOrderInForceOn(order, on) ? null : domainError('order-not-in-force', `order ${event.orderId} is not in force on ${on}`);
    }
    case 'SeriousFurtherOffenceCharged':
      if (chargeById(c, event.chargeId)) return domainError('charge-already-exists', `charge ${event.chargeId} already exists`);
      return event.offenceDate < c.referredOn
        ? domainError('before-referral', `offenceDate ${event.offenceDate} is before the referral on ${c.referredOn}`)
        : null;
    case 'SeriousFurtherOffenceOutcomeRecorded':
      return chargeById(c, event.chargeId)?.outcome === null ? null : domainError('charge-not-open', `charge ${event.chargeId} is not open`);
    case 'CaseTransferred':
      return event.toArea === c.area ? domainError('same-area', `the case is already managed in ${c.area}`) : null;
    case 'CaseClosed':
    case 'ManagementLevelChanged':
    case 'LeadAgencyChanged':
    case 'LocalUnitChanged':
    case 'SubjectDied':
      return null;
    default: {
      const unhandled: never = event;
      throw new Error(`unhandled event ${(unhandled as CaseEvent).type}`);
    }
  }
}

/** Checks that hold once the event has taken effect (on its own date). */
export function validateAfter(after: CaseState, event: CaseEvent): DomainError | null {
  if (after === null || !after.open || after.deceased) return null;
  const category = reportedCategoryOn(after, event.occurredOn);
  if (event.type === 'CaseReopened' && category === null) {
    return domainError('no-active-basis', `no eligibility basis is active on ${event.occurredOn}; give a basis to reopen`);
  }
  if (changesCategoryOrLevel(event) && category === 3 && after.level === 1) {
    return domainError('category-3-requires-level-2-or-3', 'category 3 can only be reported at level 2 or 3');
  }
  return null;
}

/** Events after which the category-3 rule must be checked: they change the level, the bases or reopen. */
function changesCategoryOrLevel(event: CaseEvent): boolean {
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
