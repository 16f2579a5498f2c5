import type { BusinessDate } from '../shared/business-date.js';
import { domainError, fieldError, type DomainError } from '../shared/domain-error.js';
import { basisStart, basisStartField } from './basis.js';
import { fail, ok, type Result } from '../shared/result.js';
import { checkInsertion, prefixOn, type Prefix } from './check-timeline.js';
import type { CaseCommand, CommandOf } from './commands.js';
import type { CaseEvent } from './events.js';
import { orderById, type Case } from './state.js';
import type { Timeline } from './timeline.js';
import { basisNeedingSubject, isClearSubject, withUnder18, type ClearSubject, type OpenedSubject } from './subject.js';
import { caseAlreadyExists, caseRefusalOn, subjectDeceased } from './validate.js';

export type Decision = Result<readonly CaseEvent[], DomainError>;

/**
 * Decides a command against a case's timeline. `today` is the business date of the injected
 * clock. The command is checked against the case as it stood at the end of its `occurredOn`
 * (same-day events recorded earlier come first), then the whole timeline is re-checked with
 * the new events inserted. An accepted command that changes nothing yields no events.
 * `known`, when the caller has it, is a fold of the timeline's first entries (the whole timeline,
 * or the case on `occurredOn`): when it is the prefix up to `occurredOn` the case on that day
 * needs no fold at all (the decision is the same with or without it).
 * `subject`: the subject's data, opened by the caller for a command that needs it (subject.ts,
 * needsSubject); a log written before sealing holds it in clear, and then it may be left out.
 */
export function decide(command: CaseCommand, timeline: Timeline, today: BusinessDate, known?: Prefix, subject?: OpenedSubject): Decision {
  const exists = timeline.length > 0;
  if (command.type === 'ReferOffender') {
    if (exists) return fail(caseAlreadyExists);
  } else if (!exists) {
    return fail(domainError('case-not-found', 'no such case'));
  }
  if (command.occurredOn > today) return fail(domainError('occurred-in-future', `occurredOn ${command.occurredOn} is after today (${today})`));
  if (command.type === 'ReferOffender') return accept(timeline, [referral(command)]);

  // The new events go after every event dated up to occurredOn: that prefix is the case on occurredOn.
  const prefix = prefixOn(timeline, command.occurredOn, known);
  // Before the referral there is no case (the timeline starts with it).
  if (prefix.state === null) return fail(caseRefusalOn(null, command.occurredOn, false)!);
  // A death anywhere in the timeline refuses it, even one dated after occurredOn; the fold of the whole timeline already knows of one.
  const diedOn = prefix.length === timeline.length ? prefix.state.diedOn : (timeline.find((e) => e.event.type === 'SubjectDied')?.event.occurredOn ?? null);
  if (diedOn !== null) return fail(subjectDeceased(diedOn));
  const c = prefix.state;
  const refusal = caseRefusalOn(c, command.occurredOn, command.type === 'ReopenCase');
  if (refusal) return fail(refusal);
  const opened = basisNeedingSubject(command) === undefined ? undefined : subjectFor(c, subject);
  if (opened === 'erased') return fail(subjectErased);
  const beforeBirth = opened === undefined ? null : basisBeforeBirth(command, opened);
  if (beforeBirth) return fail(beforeBirth);
  const events = eventsFor(command, c, opened);
  return events.ok ? accept(timeline, events.value, prefix) : events;
}

const subjectErased = domainError('subject-erased', "the subject's personal data was erased; the rules need it to decide this command");

/** The subject for a command that needs it: as opened by the caller, or clear in a log written before sealing. */
function subjectFor(c: Case, subject: OpenedSubject | undefined): OpenedSubject {
  if (subject !== undefined) return subject;
  if (isClearSubject(c.subject)) return c.subject;
  // A bug of the caller, not a refusal: the handler opens the subject of every command that needs it.
  throw new Error('the subject is sealed: open it for a command that needs it');
}

/** A basis added or given on reopening cannot start before the subject was born (ReferOffender's schema checks its own). */
function basisBeforeBirth(command: CaseCommand, subject: ClearSubject): DomainError | null {
  const basis = basisNeedingSubject(command);
  if (basis === undefined || basisStart(basis) >= subject.dateOfBirth) return null;
  return fieldError('basis-before-birth', `basis.${basisStartField(basis)}`, "must be on or after the subject's date of birth");
}

function accept(timeline: Timeline, events: readonly CaseEvent[], prefix?: Prefix): Decision {
  if (events.length === 0) return ok(events);
  const error = checkInsertion(timeline, events, prefix);
  return error ? fail(error) : ok(events);
}

function referral(c: CommandOf<'ReferOffender'>): CaseEvent {
  return {
    type: 'OffenderReferred',
    occurredOn: c.occurredOn,
    area: c.area,
    ...(c.localUnit !== undefined && { localUnit: c.localUnit }),
    leadAgency: c.leadAgency,
    subject: c.subject,
    basis: withUnder18(c.basis, c.subject.dateOfBirth),
    level: c.level ?? 1,
    inCustody: c.inCustody ?? false,
  };
}

type Events = Result<readonly CaseEvent[], DomainError>;
const one = (event: CaseEvent): Events => ok([event]);
const none: Events = ok([]);

/** The events a command produces on the case as it stood on its date (a hot path: a switch, not ts-pattern). */
function eventsFor(command: Exclude<CaseCommand, { type: 'ReferOffender' }>, c: Case, subject: ClearSubject | undefined): Events {
  const occurredOn = command.occurredOn;
  switch (command.type) {
    case 'AddEligibilityBasis':
      return one({ type: 'EligibilityBasisAdded', occurredOn, basis: withUnder18(command.basis, subject!.dateOfBirth) });
    case 'EndEligibilityBasis':
      return one({ type: 'EligibilityBasisEnded', occurredOn, basisId: command.basisId, reason: command.reason });
    case 'SetManagementLevel': {
      const { level, meetingId } = command;
      return level === c.level ? none : one({ type: 'ManagementLevelChanged', occurredOn, level, ...(meetingId !== undefined && { meetingId }) });
    }
    case 'RecordMappMeeting': {
      const { type: _type, ...meeting } = command;
      const recorded: CaseEvent = { type: 'MappMeetingRecorded', ...meeting };
      // A MAPP meeting at level 2 or 3 is how a case is managed at that level.
      return meeting.level === c.level
        ? ok([recorded])
        : ok([recorded, { type: 'ManagementLevelChanged', occurredOn, level: meeting.level, meetingId: meeting.meetingId }]);
    }
    case 'RecordCustody':
      return one({ type: 'TakenIntoCustody', occurredOn, reason: command.reason });
    case 'RecordRelease':
      return one({ type: 'ReleasedFromCustody', occurredOn, ...(command.licenceEnds !== undefined && { licenceEnds: command.licenceEnds }) });
    case 'RecallOnLicence':
      return one({ type: 'LicenceRecalled', occurredOn });
    case 'RecordNotificationBreach':
      return one({ type: 'NotificationBreachRecorded', occurredOn, disposal: command.disposal });
    case 'ApplyForCivilOrder':
      return one({ type: 'CivilOrderApplied', occurredOn, orderId: command.orderId, orderType: command.orderType, applicant: command.applicant });
    case 'RecordInterimOrder':
      return one({ type: 'InterimCivilOrderMade', occurredOn, orderId: command.orderId });
    case 'RecordFullOrder':
      return fullOrder(command, c);
    case 'RefuseCivilOrder':
      return one({ type: 'CivilOrderRefused', occurredOn, orderId: command.orderId });
    case 'DischargeCivilOrder':
      return one({ type: 'CivilOrderDischarged', occurredOn, orderId: command.orderId });
    case 'RecordCivilOrderBreach':
      return one({ type: 'CivilOrderBreached', occurredOn, orderId: command.orderId, disposal: command.disposal });
    case 'ChargeSeriousFurtherOffence':
      return one({ type: 'SeriousFurtherOffenceCharged', occurredOn, chargeId: command.chargeId, offenceDate: command.offenceDate });
    case 'RecordSeriousFurtherOffenceOutcome':
      return one({ type: 'SeriousFurtherOffenceOutcomeRecorded', occurredOn, chargeId: command.chargeId, outcome: command.outcome });
    case 'TransferCase':
      return one({ type: 'CaseTransferred', occurredOn, toArea: command.toArea, ...(command.localUnit !== undefined && { localUnit: command.localUnit }) });
    case 'ChangeLeadAgency':
      return command.leadAgency === c.leadAgency ? none : one({ type: 'LeadAgencyChanged', occurredOn, leadAgency: command.leadAgency });
    case 'ChangeLocalUnit':
      return command.localUnit === c.localUnit ? none : one({ type: 'LocalUnitChanged', occurredOn, localUnit: command.localUnit });
    case 'RecordDeath':
      return one({ type: 'SubjectDied', occurredOn });
    case 'CloseCase':
      return one({ type: 'CaseClosed', occurredOn, reason: command.reason });
    case 'ReopenCase':
      return one({ type: 'CaseReopened', occurredOn, level: command.level ?? c.level, ...(command.basis !== undefined && { basis: withUnder18(command.basis, subject!.dateOfBirth) }) });
    default: {
      const unhandled: never = command;
      throw new Error(`unhandled command ${(unhandled as CaseCommand).type}`);
    }
  }
}

/** A full order follows its application (pending or interim) unless it is made on conviction. */
function fullOrder(command: CommandOf<'RecordFullOrder'>, c: Case): Events {
  const { occurredOn, orderId, ends } = command;
  const ending = ends !== undefined ? { ends } : {};
  if (command.madeOnConviction === true) {
    // The command schema requires orderType when madeOnConviction is true.
    return one({ type: 'FullCivilOrderMade', occurredOn, orderId, orderType: command.orderType!, madeOnConviction: true, ...ending });
  }
  const application = orderById(c, orderId);
  if (!application) return fail(domainError('no-pending-application', `order ${orderId} has no application; give madeOnConviction: true for an order made on conviction`));
  if (command.orderType !== undefined && command.orderType !== application.orderType) {
    return fail(domainError('order-type-mismatch', `order ${orderId} was applied for as a ${application.orderType}`));
  }
  return one({ type: 'FullCivilOrderMade', occurredOn, orderId, orderType: application.orderType, madeOnConviction: false, ...ending });
}
