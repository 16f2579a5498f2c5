import { z } from 'zod';
import { areaCode } from '../shared/areas.js';
import { agency } from '../shared/agencies.js';
import { storedBusinessDate } from '../shared/business-date.js';
import { localId, storedLabel } from '../shared/ids.js';
import { basisEndReason, storedEligibilityBasis } from './basis.js';
import { storedSubject } from './subject.js';
import {
  closeReason, custodyReason, level, meetingKind, meetingLevel, notificationBreachDisposal,
  orderApplicant, orderBreachDisposal, orderType, sfoOutcome,
} from './vocabulary.js';

/**
 * Events of a case, as stored (the `type` travels in the envelope, the rest in `data`).
 * A shipped shape never changes: a new shape is a new schema version plus an upcaster.
 */
const event = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.strictObject({ type: z.literal(type), occurredOn: storedBusinessDate, ...shape });

export const offenderReferred = event('OffenderReferred', {
  area: areaCode,
  localUnit: storedLabel.optional(),
  leadAgency: agency,
  /** Sealed from schema version 3; clear in older versions (docs/DOMAIN.md section 13). */
  subject: storedSubject,
  basis: storedEligibilityBasis,
  level,
  inCustody: z.boolean(),
});
export const eligibilityBasisAdded = event('EligibilityBasisAdded', { basis: storedEligibilityBasis });
export const eligibilityBasisEnded = event('EligibilityBasisEnded', { basisId: localId, reason: basisEndReason });
export const managementLevelChanged = event('ManagementLevelChanged', { level, meetingId: localId.optional() });
export const mappMeetingRecorded = event('MappMeetingRecorded', {
  meetingId: localId,
  level: meetingLevel,
  kind: meetingKind,
  agencies: z.array(agency).min(1),
  nextReviewDue: storedBusinessDate.optional(),
});
export const takenIntoCustody = event('TakenIntoCustody', { reason: custodyReason });
export const releasedFromCustody = event('ReleasedFromCustody', { licenceEnds: storedBusinessDate.optional() });
export const licenceRecalled = event('LicenceRecalled', {});
export const notificationBreachRecorded = event('NotificationBreachRecorded', { disposal: notificationBreachDisposal });
export const civilOrderApplied = event('CivilOrderApplied', { orderId: localId, orderType, applicant: orderApplicant });
export const interimCivilOrderMade = event('InterimCivilOrderMade', { orderId: localId });
export const fullCivilOrderMade = event('FullCivilOrderMade', {
  orderId: localId,
  orderType,
  madeOnConviction: z.boolean(),
  ends: storedBusinessDate.optional(),
});
export const civilOrderRefused = event('CivilOrderRefused', { orderId: localId });
export const civilOrderDischarged = event('CivilOrderDischarged', { orderId: localId });
export const civilOrderBreached = event('CivilOrderBreached', { orderId: localId, disposal: orderBreachDisposal });
export const seriousFurtherOffenceCharged = event('SeriousFurtherOffenceCharged', { chargeId: localId, offenceDate: storedBusinessDate });
export const seriousFurtherOffenceOutcomeRecorded = event('SeriousFurtherOffenceOutcomeRecorded', { chargeId: localId, outcome: sfoOutcome });
export const caseTransferred = event('CaseTransferred', { toArea: areaCode, localUnit: storedLabel.optional() });
export const leadAgencyChanged = event('LeadAgencyChanged', { leadAgency: agency });
export const localUnitChanged = event('LocalUnitChanged', { localUnit: storedLabel });
export const subjectDied = event('SubjectDied', {});
export const caseClosed = event('CaseClosed', { reason: closeReason });
export const caseReopened = event('CaseReopened', { level, basis: storedEligibilityBasis.optional() });

export const caseEvent = z.discriminatedUnion('type', [
  offenderReferred, eligibilityBasisAdded, eligibilityBasisEnded, managementLevelChanged,
  mappMeetingRecorded, takenIntoCustody, releasedFromCustody, licenceRecalled,
  notificationBreachRecorded, civilOrderApplied, interimCivilOrderMade, fullCivilOrderMade,
  civilOrderRefused, civilOrderDischarged, civilOrderBreached, seriousFurtherOffenceCharged,
  seriousFurtherOffenceOutcomeRecorded, caseTransferred, leadAgencyChanged, localUnitChanged,
  subjectDied, caseClosed, caseReopened,
]);

export type CaseEvent = z.infer<typeof caseEvent>;
export type CaseEventType = CaseEvent['type'];
export type EventOf<T extends CaseEventType> = Extract<CaseEvent, { type: T }>;
