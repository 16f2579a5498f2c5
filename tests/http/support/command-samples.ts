import type { CaseCommandType } from '../../../src/domain/case/commands.js';
import { cmd, otherDangerous, refer, violent } from '../../domain/case/support/builders.js';

/** A valid body of every command type (the malformed-body tests mutate each; others send them as they are). */
export const VALID: Readonly<Record<CaseCommandType, unknown>> = {
  ReferOffender: refer({ level: 2, inCustody: false }),
  AddEligibilityBasis: cmd('AddEligibilityBasis', '2009-01-01', { basis: violent() }),
  EndEligibilityBasis: cmd('EndEligibilityBasis', '2009-01-01', { basisId: 'rso-1', reason: 'risk-reduced' }),
  SetManagementLevel: cmd('SetManagementLevel', '2009-01-01', { level: 2, meetingId: 'm-1' }),
  RecordMappMeeting: cmd('RecordMappMeeting', '2009-01-01', { meetingId: 'm-1', level: 2, kind: 'initial', agencies: ['police', 'probation'], nextReviewDue: '2009-03-01' }),
  RecordCustody: cmd('RecordCustody', '2009-01-01', { reason: 'remand' }),
  RecordRelease: cmd('RecordRelease', '2009-01-01', { licenceEnds: '2010-01-01' }),
  RecallOnLicence: cmd('RecallOnLicence', '2009-01-01', {}),
  RecordNotificationBreach: cmd('RecordNotificationBreach', '2009-01-01', { disposal: 'caution' }),
  ApplyForCivilOrder: cmd('ApplyForCivilOrder', '2009-01-01', { orderId: 'o-1', orderType: 'SOPO', applicant: 'police' }),
  RecordInterimOrder: cmd('RecordInterimOrder', '2009-01-01', { orderId: 'o-1' }),
  RecordFullOrder: cmd('RecordFullOrder', '2009-01-01', { orderId: 'o-1', orderType: 'SOPO', madeOnConviction: true, ends: '2014-01-01' }),
  RefuseCivilOrder: cmd('RefuseCivilOrder', '2009-01-01', { orderId: 'o-1' }),
  DischargeCivilOrder: cmd('DischargeCivilOrder', '2009-01-01', { orderId: 'o-1' }),
  RecordCivilOrderBreach: cmd('RecordCivilOrderBreach', '2009-01-01', { orderId: 'o-1', disposal: 'custody' }),
  ChargeSeriousFurtherOffence: cmd('ChargeSeriousFurtherOffence', '2009-01-01', { chargeId: 'c-1', offenceDate: '2008-12-01' }),
  RecordSeriousFurtherOffenceOutcome: cmd('RecordSeriousFurtherOffenceOutcome', '2009-01-01', { chargeId: 'c-1', outcome: 'convicted' }),
  TransferCase: cmd('TransferCase', '2009-01-01', { toArea: 'lancashire', localUnit: 'Preston' }),
  ChangeLeadAgency: cmd('ChangeLeadAgency', '2009-01-01', { leadAgency: 'probation' }),
  ChangeLocalUnit: cmd('ChangeLocalUnit', '2009-01-01', { localUnit: 'South' }),
  RecordDeath: cmd('RecordDeath', '2009-01-01', {}),
  CloseCase: cmd('CloseCase', '2009-01-01', { reason: 'other' }),
  ReopenCase: cmd('ReopenCase', '2009-01-01', { basis: otherDangerous(), level: 2 }),
};
