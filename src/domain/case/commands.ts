import { z } from 'zod';
import { areaCode } from '../shared/areas.js';
import { agency } from '../shared/agencies.js';
import { businessDate } from '../shared/business-date.js';
import { label, localId } from '../shared/ids.js';
import { basisEndReason, basisStart, basisStartField, eligibilityBasis } from './basis.js';
import {
  closeReason, custodyReason, level, meetingKind, meetingLevel, notificationBreachDisposal,
  orderApplicant, orderBreachDisposal, orderType, sfoOutcome,
} from './vocabulary.js';

/** The command catalogue of docs/DOMAIN.md section 4: the public wire format, unknown fields refused. */
const command = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.strictObject({ type: z.literal(type), occurredOn: businessDate, ...shape });

type Issue = { path: (string | number)[]; message: string };
const refineWith = <S extends z.ZodType>(schema: S, check: (value: z.infer<S>) => Issue[]) =>
  schema.superRefine((value, ctx) => {
    for (const issue of check(value as z.infer<S>)) ctx.addIssue({ code: 'custom', ...issue });
  });

const basisNotAfter = (occurredOn: string, basis: z.infer<typeof eligibilityBasis> | undefined, path: string[]): Issue[] =>
  basis !== undefined && basisStart(basis) > occurredOn
    ? [{ path: [...path, basisStartField(basis)], message: 'must be on or before occurredOn' }]
    : [];

export const referOffender = refineWith(
  command('ReferOffender', {
    area: areaCode,
    localUnit: label.optional(),
    leadAgency: agency,
    subject: z.strictObject({ ref: label, dateOfBirth: businessDate }),
    basis: eligibilityBasis,
    level: level.optional(),
    inCustody: z.boolean().optional(),
  }),
  (c) => [
    ...(c.subject.dateOfBirth > c.occurredOn ? [{ path: ['subject', 'dateOfBirth'], message: 'must be on or before occurredOn' }] : []),
    ...(basisStart(c.basis) < c.subject.dateOfBirth ? [{ path: ['basis', basisStartField(c.basis)], message: 'must be on or after subject.dateOfBirth' }] : []),
    ...basisNotAfter(c.occurredOn, c.basis, ['basis']),
  ],
);

export const addEligibilityBasis = refineWith(command('AddEligibilityBasis', { basis: eligibilityBasis }), (c) =>
  basisNotAfter(c.occurredOn, c.basis, ['basis']),
);

export const endEligibilityBasis = command('EndEligibilityBasis', { basisId: localId, reason: basisEndReason });

export const setManagementLevel = command('SetManagementLevel', { level, meetingId: localId.optional() });

export const recordMappMeeting = refineWith(
  command('RecordMappMeeting', {
    meetingId: localId,
    level: meetingLevel,
    kind: meetingKind,
    agencies: z.array(agency).min(1).max(20),
    nextReviewDue: businessDate.optional(),
  }),
  (c) => (c.nextReviewDue !== undefined && c.nextReviewDue <= c.occurredOn ? [{ path: ['nextReviewDue'], message: 'must be after occurredOn' }] : []),
);

export const recordCustody = command('RecordCustody', { reason: custodyReason });

export const recordRelease = refineWith(command('RecordRelease', { licenceEnds: businessDate.optional() }), (c) =>
  c.licenceEnds !== undefined && c.licenceEnds <= c.occurredOn ? [{ path: ['licenceEnds'], message: 'must be after occurredOn' }] : [],
);

export const recallOnLicence = command('RecallOnLicence', {});

export const recordNotificationBreach = command('RecordNotificationBreach', { disposal: notificationBreachDisposal });

export const applyForCivilOrder = command('ApplyForCivilOrder', { orderId: localId, orderType, applicant: orderApplicant });

export const recordInterimOrder = command('RecordInterimOrder', { orderId: localId });

export const recordFullOrder = refineWith(
  command('RecordFullOrder', {
    orderId: localId,
    orderType: orderType.optional(),
    madeOnConviction: z.boolean().optional(),
    ends: businessDate.optional(),
  }),
  (c) => [
    ...(c.madeOnConviction === true && c.orderType === undefined ? [{ path: ['orderType'], message: 'is required when madeOnConviction is true' }] : []),
    ...(c.ends !== undefined && c.ends <= c.occurredOn ? [{ path: ['ends'], message: 'must be after occurredOn' }] : []),
  ],
);

export const refuseCivilOrder = command('RefuseCivilOrder', { orderId: localId });

export const dischargeCivilOrder = command('DischargeCivilOrder', { orderId: localId });

export const recordCivilOrderBreach = command('RecordCivilOrderBreach', { orderId: localId, disposal: orderBreachDisposal });

export const chargeSeriousFurtherOffence = refineWith(
  command('ChargeSeriousFurtherOffence', { chargeId: localId, offenceDate: businessDate }),
  (c) => (c.offenceDate > c.occurredOn ? [{ path: ['offenceDate'], message: 'must be on or before occurredOn' }] : []),
);

export const recordSeriousFurtherOffenceOutcome = command('RecordSeriousFurtherOffenceOutcome', { chargeId: localId, outcome: sfoOutcome });

export const transferCase = command('TransferCase', { toArea: areaCode, localUnit: label.optional() });

export const changeLeadAgency = command('ChangeLeadAgency', { leadAgency: agency });

export const changeLocalUnit = command('ChangeLocalUnit', { localUnit: label });

export const recordDeath = command('RecordDeath', {});

export const closeCase = command('CloseCase', { reason: closeReason });

export const reopenCase = refineWith(command('ReopenCase', { basis: eligibilityBasis.optional(), level: level.optional() }), (c) =>
  basisNotAfter(c.occurredOn, c.basis, ['basis']),
);

export const caseCommand = z.discriminatedUnion('type', [
  referOffender, addEligibilityBasis, endEligibilityBasis, setManagementLevel, recordMappMeeting,
  recordCustody, recordRelease, recallOnLicence, recordNotificationBreach, applyForCivilOrder,
  recordInterimOrder, recordFullOrder, refuseCivilOrder, dischargeCivilOrder, recordCivilOrderBreach,
  chargeSeriousFurtherOffence, recordSeriousFurtherOffenceOutcome, transferCase, changeLeadAgency,
  changeLocalUnit, recordDeath, closeCase, reopenCase,
]);

export type CaseCommand = z.infer<typeof caseCommand>;
export type CaseCommandType = CaseCommand['type'];
export type CommandOf<T extends CaseCommandType> = Extract<CaseCommand, { type: T }>;

export const COMMAND_TYPES = caseCommand.options.map((o) => o.shape.type.value) as readonly CaseCommandType[];
