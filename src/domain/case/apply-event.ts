import type { BusinessDate } from '../shared/business-date.js';
import { notificationLastDay } from '../rules/notification-period.js';
import { basisStart, CATEGORY_OF_KIND, type EligibilityBasis } from './basis.js';
import type { CaseEvent } from './events.js';
import type { BasisState, Case, CaseState, ChargeState, OrderState } from './state.js';

function basisState(basis: EligibilityBasis, dateOfBirth: BusinessDate, addedOn: BusinessDate): BasisState {
  const lastDay =
    basis.kind === 'registered-sexual-offender'
      ? notificationLastDay(basis, dateOfBirth)
      : basis.kind === 'violent-offender'
        ? (basis.ends ?? null)
        : null;
  return { basis, category: CATEGORY_OF_KIND[basis.kind], start: basisStart(basis), lastDay, addedOn, endedOn: null, endReason: null };
}

const replaceOrder = (c: Case, orderId: string, change: (o: OrderState) => OrderState): readonly OrderState[] =>
  c.orders.map((o) => (o.orderId === orderId ? change(o) : o));

const replaceCharge = (c: Case, chargeId: string, change: (ch: ChargeState) => ChargeState): readonly ChargeState[] =>
  c.charges.map((ch) => (ch.chargeId === chargeId ? change(ch) : ch));

/**
 * The state transition of one event, applied in timeline order. It trusts the event: rules
 * are checked before an event is accepted (validate.ts), so folding never refuses.
 */
export function applyEvent(state: CaseState, event: CaseEvent): CaseState {
  if (event.type === 'OffenderReferred') {
    return {
      referredOn: event.occurredOn,
      area: event.area,
      localUnit: event.localUnit ?? null,
      leadAgency: event.leadAgency,
      subject: event.subject,
      open: true,
      closedOn: null,
      closeReason: null,
      deceased: false,
      diedOn: null,
      level: event.level,
      inCustody: event.inCustody,
      custodyReason: null,
      licenceEnds: null,
      bases: [basisState(event.basis, event.subject.dateOfBirth, event.occurredOn)],
      orders: [],
      charges: [],
      meetingIds: [],
      lastMeeting: null,
      lastEventOn: event.occurredOn,
      eventCount: 1,
    };
  }
  if (state === null) return null;
  const c = state;
  const on = event.occurredOn;
  // One copy of the state per event: each branch names only what the event changes.
  const next = (changes: Partial<Case>): Case => ({ ...c, ...changes, lastEventOn: on, eventCount: c.eventCount + 1 });
  switch (event.type) {
    case 'EligibilityBasisAdded':
      return next({ bases: [...c.bases, basisState(event.basis, c.subject.dateOfBirth, on)] });
    case 'EligibilityBasisEnded':
      return next({
        bases: c.bases.map((b) => (b.basis.basisId === event.basisId ? { ...b, endedOn: on, endReason: event.reason } : b)),
      });
    case 'ManagementLevelChanged':
      return next({ level: event.level });
    case 'MappMeetingRecorded': {
      const { type: _type, ...meeting } = event;
      return next({ meetingIds: [...c.meetingIds, event.meetingId], lastMeeting: meeting });
    }
    case 'TakenIntoCustody':
      return next({ inCustody: true, custodyReason: event.reason });
    case 'ReleasedFromCustody':
      return next({ inCustody: false, custodyReason: null, licenceEnds: event.licenceEnds ?? null });
    case 'LicenceRecalled':
      return next({ inCustody: true, custodyReason: 'recall' });
    case 'NotificationBreachRecorded':
      return next({});
    case 'CivilOrderApplied':
      return next({
        orders: [
          ...c.orders,
          {
            orderId: event.orderId, orderType: event.orderType, applicant: event.applicant, madeOnConviction: false,
            status: 'pending', appliedOn: on, interimOn: null, fullOn: null, ends: null, closedOn: null, breaches: 0,
          },
        ],
      });
    case 'InterimCivilOrderMade':
      return next({ orders: replaceOrder(c, event.orderId, (o) => ({ ...o, status: 'interim', interimOn: on })) });
    case 'FullCivilOrderMade':
      if (event.madeOnConviction) {
        return next({
          orders: [
            ...c.orders,
            {
              orderId: event.orderId, orderType: event.orderType, applicant: null, madeOnConviction: true,
              status: 'full', appliedOn: null, interimOn: null, fullOn: on, ends: event.ends ?? null, closedOn: null, breaches: 0,
            },
          ],
        });
      }
      return next({ orders: replaceOrder(c, event.orderId, (o) => ({ ...o, status: 'full', fullOn: on, ends: event.ends ?? null })) });
    case 'CivilOrderRefused':
      return next({ orders: replaceOrder(c, event.orderId, (o) => ({ ...o, status: 'refused', closedOn: on })) });
    case 'CivilOrderDischarged':
      return next({ orders: replaceOrder(c, event.orderId, (o) => ({ ...o, status: 'discharged', closedOn: on })) });
    case 'CivilOrderBreached': {
      const orders = replaceOrder(c, event.orderId, (o) => ({ ...o, breaches: o.breaches + 1 }));
      // A custodial disposal puts a subject who is in the community into custody that day.
      return event.disposal === 'custody' && !c.inCustody ? next({ orders, inCustody: true, custodyReason: 'order-breach' }) : next({ orders });
    }
    case 'SeriousFurtherOffenceCharged':
      return next({
        charges: [
          ...c.charges,
          { chargeId: event.chargeId, chargedOn: on, offenceDate: event.offenceDate, outcome: null, outcomeOn: null, resolvedByDeath: false },
        ],
      });
    case 'SeriousFurtherOffenceOutcomeRecorded':
      return next({ charges: replaceCharge(c, event.chargeId, (ch) => ({ ...ch, outcome: event.outcome, outcomeOn: on })) });
    case 'CaseTransferred':
      return next({ area: event.toArea, localUnit: event.localUnit ?? c.localUnit });
    case 'LeadAgencyChanged':
      return next({ leadAgency: event.leadAgency });
    case 'LocalUnitChanged':
      return next({ localUnit: event.localUnit });
    case 'SubjectDied':
      return next({
        deceased: true,
        diedOn: on,
        open: false,
        closedOn: on,
        closeReason: 'death',
        bases: c.bases.map((b) => (b.endedOn === null ? { ...b, endedOn: on, endReason: 'death' } : b)),
        charges: c.charges.map((ch) => (ch.outcome === null ? { ...ch, outcome: 'other', outcomeOn: on, resolvedByDeath: true } : ch)),
      });
    case 'CaseClosed':
      return next({ open: false, closedOn: on, closeReason: event.reason });
    case 'CaseReopened':
      return next({
        open: true,
        closedOn: null,
        closeReason: null,
        level: event.level,
        bases: event.basis ? [...c.bases, basisState(event.basis, c.subject.dateOfBirth, on)] : c.bases,
      });
    default: {
      const unhandled: never = event;
      throw new Error(`unhandled event ${(unhandled as CaseEvent).type}`);
    }
  }
}
