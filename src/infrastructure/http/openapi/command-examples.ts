import type { CaseCommandType, CommandOf } from '../../../domain/case/commands.js';

/**
 * One valid body per command type, shown in the OpenAPI document. Together they tell one case's
 * story, by date, so each is accepted after the ones dated before it (a test runs them through
 * the command handler); RefuseCivilOrder needs an application of its own, noted beside it.
 */
export const COMMAND_EXAMPLES: { readonly [T in CaseCommandType]: CommandOf<T> } = {
  ReferOffender: {
    type: 'ReferOffender', occurredOn: '2024-05-01', area: 'cumbria', localUnit: 'North', leadAgency: 'police',
    subject: { ref: 'SUBJ-0001', dateOfBirth: '1980-02-14' },
    basis: { kind: 'registered-sexual-offender', basisId: 'rso-1', relevantDate: '2024-04-10', disposal: 'custody', custodialMonths: 36 },
    level: 2, inCustody: false,
  },
  AddEligibilityBasis: {
    type: 'AddEligibilityBasis', occurredOn: '2024-05-02',
    basis: { kind: 'violent-offender', basisId: 'vo-1', startDate: '2024-04-10', sentenceMonths: 36 },
  },
  EndEligibilityBasis: { type: 'EndEligibilityBasis', occurredOn: '2024-05-03', basisId: 'vo-1', reason: 'quashed' },
  SetManagementLevel: { type: 'SetManagementLevel', occurredOn: '2024-05-04', level: 3 },
  RecordMappMeeting: {
    type: 'RecordMappMeeting', occurredOn: '2024-05-05', meetingId: 'mtg-1', level: 2, kind: 'review',
    agencies: ['police', 'probation', 'housing'], nextReviewDue: '2024-08-05',
  },
  RecordCustody: { type: 'RecordCustody', occurredOn: '2024-05-06', reason: 'remand' },
  RecordRelease: { type: 'RecordRelease', occurredOn: '2024-05-07', licenceEnds: '2027-05-07' },
  RecallOnLicence: { type: 'RecallOnLicence', occurredOn: '2024-05-08' },
  RecordNotificationBreach: { type: 'RecordNotificationBreach', occurredOn: '2024-05-09', disposal: 'caution' },
  ApplyForCivilOrder: { type: 'ApplyForCivilOrder', occurredOn: '2024-05-10', orderId: 'shpo-1', orderType: 'SHPO', applicant: 'police' },
  RecordInterimOrder: { type: 'RecordInterimOrder', occurredOn: '2024-05-11', orderId: 'shpo-1' },
  RecordFullOrder: { type: 'RecordFullOrder', occurredOn: '2024-05-12', orderId: 'shpo-1', ends: '2029-05-12' },
  RefuseCivilOrder: { type: 'RefuseCivilOrder', occurredOn: '2024-05-13', orderId: 'sro-1' }, // needs its own application, SRO sro-1
  DischargeCivilOrder: { type: 'DischargeCivilOrder', occurredOn: '2024-05-15', orderId: 'shpo-1' },
  RecordCivilOrderBreach: { type: 'RecordCivilOrderBreach', occurredOn: '2024-05-14', orderId: 'shpo-1', disposal: 'non-custodial' },
  ChargeSeriousFurtherOffence: { type: 'ChargeSeriousFurtherOffence', occurredOn: '2024-05-16', chargeId: 'sfo-1', offenceDate: '2024-05-14' },
  RecordSeriousFurtherOffenceOutcome: { type: 'RecordSeriousFurtherOffenceOutcome', occurredOn: '2024-05-17', chargeId: 'sfo-1', outcome: 'acquitted' },
  TransferCase: { type: 'TransferCase', occurredOn: '2024-05-18', toArea: 'lancashire', localUnit: 'Central' },
  ChangeLeadAgency: { type: 'ChangeLeadAgency', occurredOn: '2024-05-19', leadAgency: 'probation' },
  ChangeLocalUnit: { type: 'ChangeLocalUnit', occurredOn: '2024-05-20', localUnit: 'East' },
  RecordDeath: { type: 'RecordDeath', occurredOn: '2024-05-23' }, // the end of any story: nothing is accepted after it
  CloseCase: { type: 'CloseCase', occurredOn: '2024-05-21', reason: 'risk-reduced' },
  ReopenCase: {
    type: 'ReopenCase', occurredOn: '2024-05-22', level: 2,
    basis: { kind: 'terrorism', basisId: 'ter-1', startDate: '2024-05-22', subtype: 'terrorism-risk' },
  },
};

/** Corrections (docs/DOMAIN.md section 10): the event ids are those `GET /cases/{id}/events` shows. */
export const CORRECTION_EXAMPLES = {
  RetractEvents: { type: 'RetractEvents', eventIds: ['0193a4b2-7c1e-7d3a-9f10-2b4c6d8e0f12'], reason: 'duplicate', note: 'the breach was entered twice' },
  CorrectEvents: {
    type: 'CorrectEvents', eventIds: ['0193a4b2-7c1e-7d3a-9f10-2b4c6d8e0f12'], reason: 'recorded-in-error',
    replacement: { type: 'RecordNotificationBreach', occurredOn: '2024-06-20', disposal: 'caution' },
  },
} as const;

/** Data protection (docs/DOMAIN.md section 13): role data-protection; reasons hold no personal data. */
export const DATA_PROTECTION_EXAMPLES = {
  EraseSubjectData: { type: 'EraseSubjectData', reason: 'erasure ordered by the court' },
  RecordRetentionReview: { type: 'RecordRetentionReview', outcome: 'retain', reason: 'risk still assessed as high', nextReviewDue: '2031-05-01' },
} as const;
