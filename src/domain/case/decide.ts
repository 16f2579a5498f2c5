import { match } from 'ts-pattern';
import type { BusinessDate } from '../shared/business-date.js';
import { domainError, type DomainError } from '../shared/domain-error.js';
import { fail, ok, type Result } from '../shared/result.js';
import { checkInsertion } from './check-timeline.js';
import type { CaseCommand, CommandOf } from './commands.js';
import type { CaseEvent } from './events.js';
import { orderById, type Case } from './state.js';
import { caseOn, type Timeline } from './timeline.js';

export type Decision = Result<readonly CaseEvent[], DomainError>;

/**
 * Decides a command against a case's timeline. `today` is the business date of the injected
 * clock. The command is checked against the case as it stood at the end of its `occurredOn`
 * (same-day events recorded earlier come first), then the whole timeline is re-checked with
 * the new events inserted. An accepted command that changes nothing yields no events.
 */
export function decide(command: CaseCommand, timeline: Timeline, today: BusinessDate): Decision {
  const exists = timeline.length > 0;
  if (command.type === 'ReferOffender') {
    if (exists) return fail(domainError('case-already-exists', 'the case already exists'));
  } else if (!exists) {
    return fail(domainError('case-not-found', 'no such case'));
  }
  if (command.occurredOn > today) return fail(domainError('occurred-in-future', `occurredOn ${command.occurredOn} is after today (${today})`));
  if (command.type === 'ReferOffender') return accept(timeline, [referral(command)]);

  const referredOn = timeline[0]!.event.occurredOn;
  if (command.occurredOn < referredOn) return fail(domainError('before-referral', `occurredOn ${command.occurredOn} is before the referral on ${referredOn}`));
  const death = timeline.find((e) => e.event.type === 'SubjectDied');
  if (death) return fail(domainError('subject-deceased', `the subject died on ${death.event.occurredOn}; nothing more is accepted`));

  // The timeline starts with the referral, so the case exists on any date from it on.
  const c = caseOn(timeline, command.occurredOn)!;
  if (!c.open && command.type !== 'ReopenCase') return fail(domainError('case-closed', `the case is closed on ${command.occurredOn}`));
  const events = eventsFor(command, c);
  return events.ok ? accept(timeline, events.value) : events;
}

function accept(timeline: Timeline, events: readonly CaseEvent[]): Decision {
  if (events.length === 0) return ok(events);
  const error = checkInsertion(timeline, events);
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
    basis: c.basis,
    level: c.level ?? 1,
    inCustody: c.inCustody ?? false,
  };
}

type Events = Result<readonly CaseEvent[], DomainError>;
const one = (event: CaseEvent): Events => ok([event]);
const none: Events = ok([]);

function eventsFor(command: Exclude<CaseCommand, { type: 'ReferOffender' }>, c: Case): Events {
  const occurredOn = command.occurredOn;
  return match(command)
    .with({ type: 'AddEligibilityBasis' }, ({ basis }) => one({ type: 'EligibilityBasisAdded', occurredOn, basis }))
    .with({ type: 'EndEligibilityBasis' }, ({ basisId, reason }) => one({ type: 'EligibilityBasisEnded', occurredOn, basisId, reason }))
    .with({ type: 'SetManagementLevel' }, ({ level, meetingId }) =>
      level === c.level ? none : one({ type: 'ManagementLevelChanged', occurredOn, level, ...(meetingId !== undefined && { meetingId }) }),
    )
    .with({ type: 'RecordMappMeeting' }, ({ type: _t, ...meeting }): Events => {
      // A MAPP meeting at level 2 or 3 is how a case is managed at that level.
      const recorded: CaseEvent = { type: 'MappMeetingRecorded', ...meeting };
      return meeting.level === c.level
        ? ok([recorded])
        : ok([recorded, { type: 'ManagementLevelChanged', occurredOn, level: meeting.level, meetingId: meeting.meetingId }]);
    })
    .with({ type: 'RecordCustody' }, ({ reason }) => one({ type: 'TakenIntoCustody', occurredOn, reason }))
    .with({ type: 'RecordRelease' }, ({ licenceEnds }) =>
      one({ type: 'ReleasedFromCustody', occurredOn, ...(licenceEnds !== undefined && { licenceEnds }) }),
    )
    .with({ type: 'RecallOnLicence' }, () => one({ type: 'LicenceRecalled', occurredOn }))
    .with({ type: 'RecordNotificationBreach' }, ({ disposal }) => one({ type: 'NotificationBreachRecorded', occurredOn, disposal }))
    .with({ type: 'ApplyForCivilOrder' }, ({ orderId, orderType, applicant }) =>
      one({ type: 'CivilOrderApplied', occurredOn, orderId, orderType, applicant }),
    )
    .with({ type: 'RecordInterimOrder' }, ({ orderId }) => one({ type: 'InterimCivilOrderMade', occurredOn, orderId }))
    .with({ type: 'RecordFullOrder' }, (command) => fullOrder(command, c))
    .with({ type: 'RefuseCivilOrder' }, ({ orderId }) => one({ type: 'CivilOrderRefused', occurredOn, orderId }))
    .with({ type: 'DischargeCivilOrder' }, ({ orderId }) => one({ type: 'CivilOrderDischarged', occurredOn, orderId }))
    .with({ type: 'RecordCivilOrderBreach' }, ({ orderId, disposal }) => one({ type: 'CivilOrderBreached', occurredOn, orderId, disposal }))
    .with({ type: 'ChargeSeriousFurtherOffence' }, ({ chargeId, offenceDate }) =>
      one({ type: 'SeriousFurtherOffenceCharged', occurredOn, chargeId, offenceDate }),
    )
    .with({ type: 'RecordSeriousFurtherOffenceOutcome' }, ({ chargeId, outcome }) =>
      one({ type: 'SeriousFurtherOffenceOutcomeRecorded', occurredOn, chargeId, outcome }),
    )
    .with({ type: 'TransferCase' }, ({ toArea, localUnit }) =>
      one({ type: 'CaseTransferred', occurredOn, toArea, ...(localUnit !== undefined && { localUnit }) }),
    )
    .with({ type: 'ChangeLeadAgency' }, ({ leadAgency }) =>
      leadAgency === c.leadAgency ? none : one({ type: 'LeadAgencyChanged', occurredOn, leadAgency }),
    )
    .with({ type: 'ChangeLocalUnit' }, ({ localUnit }) =>
      localUnit === c.localUnit ? none : one({ type: 'LocalUnitChanged', occurredOn, localUnit }),
    )
    .with({ type: 'RecordDeath' }, () => one({ type: 'SubjectDied', occurredOn }))
    .with({ type: 'CloseCase' }, ({ reason }) => one({ type: 'CaseClosed', occurredOn, reason }))
    .with({ type: 'ReopenCase' }, ({ basis, level }) =>
      one({ type: 'CaseReopened', occurredOn, level: level ?? c.level, ...(basis !== undefined && { basis }) }),
    )
    .exhaustive();
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
