import type { BusinessDate } from '../shared/business-date.js';
import { notificationLastDayFor } from '../rules/notification-period.js';
import { basisStart, CATEGORY_OF_KIND, type StoredEligibilityBasis } from './basis.js';
import type { CaseEvent } from './events.js';
import type { BasisState, Case, CaseState, ChargeState, OrderState } from './state.js';
import { under18AtRelevantDate, type StoredSubject } from './subject.js';

function basisState(basis: StoredEligibilityBasis, subject: StoredSubject, addedOn: BusinessDate): BasisState {
  const lastDay =
    basis.kind === 'registered-sexual-offender'
      ? notificationLastDayFor(basis, under18AtRelevantDate(basis, subject))
      : basis.kind === 'violent-offender' || basis.kind === 'terrorism'
        ? (basis.ends ?? null)
        : null;
  return { basis, category: CATEGORY_OF_KIND[basis.kind], start: basisStart(basis), lastDay, addedOn, endedOn: null, endReason: null };
}

const replaceOrder = (c: Case, orderId: string, change: (o: OrderState) => OrderState): readonly OrderState[] =>
  c.orders.map((o) => (o.orderId === orderId ? change(o) : o));

const replaceCharge = (c: Case, chargeId: string, change: (ch: ChargeState) => ChargeState): readonly ChargeState[] =>
  c.charges.map((ch) => (ch.chargeId === chargeId ? change(ch) : ch));

/**
 * The state after an event: one copy of it, with what the event changes. A module function,
 * not a closure made per event: projections fold millions of events through here.
 */
const changed = (c: Case, on: BusinessDate, changes: Partial<Case>): Case => ({ ...c, ...changes, lastEventOn: on, eventCount: c.eventCount + 1 });

/** Before its referral there is no case: every fold starts here. */
export const initialState: CaseState = null;

/**
 * The decider's evolve (with decide.ts and initialState): the state transition of one event, applied in timeline order. It trusts the event: rules
 * are checked before an event is accepted (validate.ts), so folding never refuses.
 */
export function evolve(state: CaseState, event: CaseEvent): CaseState {
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
      bases: [basisState(event.basis, event.subject, event.occurredOn)],
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
  switch (event.type) {
    case 'EligibilityBasisAdded':
      return changed(c, on, { bases: [...c.bases, basisState(event.basis, c.subject, on)] });
    case 'EligibilityBasisEnded':
      return changed(c, on, {
        bases: c.bases.map((b) => (b.basis.basisId === event.basisId ? { ...b, endedOn: on, endReason: event.reason } : b)),
      });
    case 'ManagementLevelChanged':
      return changed(c, on, { level: event.level });
    case 'MappMeetingRecorded': {
      const { type: _type, ...meeting } = event;
      return changed(c, on, { meetingIds: [...c.meetingIds, event.meetingId], lastMeeting: meeting });
    }
    case 'TakenIntoCustody':
      return changed(c, on, { inCustody: true, custodyReason: event.reason });
    case 'ReleasedFromCustody':
      return changed(c, on, { inCustody: false, custodyReason: null, licenceEnds: event.licenceEnds ?? null });
    case 'LicenceRecalled':
      return changed(c, on, { inCustody: true, custodyReason: 'recall' });
    case 'NotificationBreachRecorded':
      return changed(c, on, {});
    case 'CivilOrderApplied':
      return changed(c, on, {
        orders: [
          ...c.orders,
          {
            orderId: event.orderId, orderType: event.orderType, applicant: event.applicant, madeOnConviction: false,
            status: 'pending', appliedOn: on, interimOn: null, fullOn: null, ends: null, closedOn: null, breaches: 0,
          },
        ],
      });
    case 'InterimCivilOrderMade':
      return changed(c, on, { orders: replaceOrder(c, event.orderId, (o) => ({ ...o, status: 'interim', interimOn: on })) });
    case 'FullCivilOrderMade':
      if (event.madeOnConviction) {
        return changed(c, on, {
          orders: [
            ...c.orders,
            {
              orderId: event.orderId, orderType: event.orderType, applicant: null, madeOnConviction: true,
              status: 'full', appliedOn: null, interimOn: null, fullOn: on, ends: event.ends ?? null, closedOn: null, breaches: 0,
            },
          ],
        });
      }
      return changed(c, on, { orders: replaceOrder(c, event.orderId, (o) => ({ ...o, status: 'full', fullOn: on, ends: event.ends ?? null })) });
    case 'CivilOrderRefused':
      return changed(c, on, { orders: replaceOrder(c, event.orderId, (o) => ({ ...o, status: 'refused', closedOn: on })) });
    case 'CivilOrderDischarged':
      return changed(c, on, { orders: replaceOrder(c, event.orderId, (o) => ({ ...o, status: 'discharged', closedOn: on })) });
    case 'CivilOrderBreached': {
      const orders = replaceOrder(c, event.orderId, (o) => ({ ...o, breaches: o.breaches + 1 }));
      // A custodial disposal puts a subject who is in the community into custody that day.
      return event.disposal === 'custody' && !c.inCustody ? changed(c, on, { orders, inCustody: true, custodyReason: 'order-breach' }) : changed(c, on, { orders });
    }
    case 'SeriousFurtherOffenceCharged':
      return changed(c, on, {
        charges: [
          ...c.charges,
          { chargeId: event.chargeId, chargedOn: on, offenceDate: event.offenceDate, outcome: null, outcomeOn: null, resolvedByDeath: false },
        ],
      });
    case 'SeriousFurtherOffenceOutcomeRecorded':
      return changed(c, on, { charges: replaceCharge(c, event.chargeId, (ch) => ({ ...ch, outcome: event.outcome, outcomeOn: on })) });
    case 'CaseTransferred':
      return changed(c, on, { area: event.toArea, localUnit: event.localUnit ?? c.localUnit });
    case 'LeadAgencyChanged':
      return changed(c, on, { leadAgency: event.leadAgency });
    case 'LocalUnitChanged':
      return changed(c, on, { localUnit: event.localUnit });
    case 'SubjectDied':
      return changed(c, on, {
        deceased: true,
        diedOn: on,
        open: false,
        closedOn: on,
        closeReason: 'death',
        bases: c.bases.map((b) => (b.endedOn === null ? { ...b, endedOn: on, endReason: 'death' } : b)),
        charges: c.charges.map((ch) => (ch.outcome === null ? { ...ch, outcome: 'other', outcomeOn: on, resolvedByDeath: true } : ch)),
      });
    case 'CaseClosed':
      return changed(c, on, { open: false, closedOn: on, closeReason: event.reason });
    case 'CaseReopened':
      return changed(c, on, {
        open: true,
        closedOn: null,
        closeReason: null,
        level: event.level,
        bases: event.basis ? [...c.bases, basisState(event.basis, c.subject, on)] : c.bases,
      });
    default: {
      const unhandled: never = event;
      throw new Error(`unhandled event ${(unhandled as CaseEvent).type}`);
    }
  }
}
