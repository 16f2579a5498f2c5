import fc from 'fast-check';
import type { EligibilityBasis } from '../../src/domain/case/basis.js';
import type { CaseCommand } from '../../src/domain/case/commands.js';
import { decide } from '../../src/domain/case/decide.js';
import type { CaseEvent } from '../../src/domain/case/events.js';
import { insertIntoTimeline } from '../../src/domain/case/insert-into-timeline.js';
import type { Timeline } from '../../src/domain/case/timeline.js';
import type { AreaCode } from '../../src/domain/shared/areas.js';
import { addDays } from '../../src/domain/shared/business-date.js';
import type { DomainError } from '../../src/domain/shared/domain-error.js';

/**
 * Generated case histories for property tests: a referral, then commands whose dates mostly
 * move forward with some backdating. Ids come from small pools so that rules about existing
 * bases, meetings, orders and charges are exercised, not just their happy paths.
 */
export const PROPERTY_TODAY = '2031-12-31';
export const AREAS: readonly AreaCode[] = ['cumbria', 'lancashire', 'durham'];
const UNITS = ['North BCU', 'South BCU', 'West BCU'];

const pick = <T>(values: readonly T[]) => fc.constantFrom(...values);
const ids = (prefix: string, n: number) => pick(Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`));
const days = (min: number, max: number) => fc.integer({ min, max });

/** Options of the generators: `withTerrorism` adds the category-4 basis (refused before its edition). */
export type ScriptOptions = { maxCommands?: number; from?: string; spanDays?: number; deathWeight?: number; withTerrorism?: boolean };

const terrorismOn = (date: string): fc.Arbitrary<EligibilityBasis> =>
  fc.record({ basisId: ids('b', 4), back: days(0, 400), subtype: pick(['terrorist-offender', 'terrorism-risk'] as const), ends: fc.option(days(0, 2500), { nil: undefined }) })
    .map(({ basisId, back, subtype, ends }): EligibilityBasis => ({
      kind: 'terrorism', basisId, startDate: addDays(date, -back), subtype, ...(ends !== undefined && { ends: addDays(date, ends - back) }),
    }));

const basisOn = (date: string, withTerrorism = false): fc.Arbitrary<EligibilityBasis> =>
  withTerrorism ? fc.oneof({ weight: 3, arbitrary: basisWithoutTerrorismOn(date) }, { weight: 2, arbitrary: terrorismOn(date) }) : basisWithoutTerrorismOn(date);

const basisWithoutTerrorismOn = (date: string): fc.Arbitrary<EligibilityBasis> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.record({
      basisId: ids('b', 4), back: days(0, 3000),
      disposal: pick(['custody', 'hospital-restriction', 'hospital', 'caution', 'conditional-discharge', 'other'] as const),
      custodialMonths: days(1, 48), cd: days(6, 36), indefinite: fc.boolean(),
    }).map(({ basisId, back, disposal, custodialMonths, cd, indefinite }): EligibilityBasis => ({
      kind: 'registered-sexual-offender', basisId, relevantDate: addDays(date, -back), disposal,
      ...(disposal === 'custody' && { custodialMonths, ...(indefinite && { indefinite }) }),
      ...(disposal === 'conditional-discharge' && { conditionalDischargeMonths: cd }),
    })) },
    { weight: 2, arbitrary: fc.record({ basisId: ids('b', 4), back: days(0, 1500), months: days(12, 60), hospital: fc.boolean(), ends: fc.option(days(0, 2500), { nil: undefined }) })
      .map(({ basisId, back, months, hospital, ends }): EligibilityBasis => ({
        kind: 'violent-offender', basisId, startDate: addDays(date, -back),
        ...(hospital ? { hospitalOrder: true } : { sentenceMonths: months }),
        ...(ends !== undefined && { ends: addDays(date, ends - back) }),
      })) },
    { weight: 1, arbitrary: fc.record({ basisId: ids('b', 4), back: days(0, 200) }).map(({ basisId, back }): EligibilityBasis => ({
      kind: 'other-dangerous-offender', basisId, startDate: addDays(date, -back),
    })) },
  );

/** A schema-valid command of any type dated `on`. */
export const commandOn = (on: string, options: { deathWeight?: number; closeWeight?: number; withTerrorism?: boolean } = {}): fc.Arbitrary<CaseCommand> =>
  fc.oneof(
    { weight: 40, arbitrary: ongoingOn(on, options.withTerrorism) },
    // Death ends a history, so scripts add it separately (caseScript); closure is rare, reopening follows it.
    { weight: options.deathWeight ?? 0, arbitrary: fc.constant<CaseCommand>({ type: 'RecordDeath', occurredOn: on }) },
    { weight: options.closeWeight ?? 1, arbitrary: pick(['no-longer-eligible', 'risk-reduced', 'left-jurisdiction', 'other'] as const).map((reason): CaseCommand => ({ type: 'CloseCase', occurredOn: on, reason })) },
    { weight: 2, arbitrary: fc.record({ basis: fc.option(basisOn(on, options.withTerrorism), { nil: undefined }), level: fc.option(pick([1, 2, 3] as const), { nil: undefined }) })
      .map(({ basis, level }): CaseCommand => ({ type: 'ReopenCase', occurredOn: on, ...(basis && { basis }), ...(level && { level }) })) },
  );

/** Commands of an open case's ordinary life. */
const ongoingOn = (on: string, withTerrorism = false): fc.Arbitrary<CaseCommand> =>
  fc.oneof(
    basisOn(on, withTerrorism).map((basis): CaseCommand => ({ type: 'AddEligibilityBasis', occurredOn: on, basis })),
    fc.record({ basisId: ids('b', 4), reason: pick(['period-expired', 'revoked-on-review', 'licence-expired', 'order-discharged', 'risk-reduced', 'quashed'] as const) })
      .map((f): CaseCommand => ({ type: 'EndEligibilityBasis', occurredOn: on, ...f })),
    { weight: 3, arbitrary: fc.record({ level: pick([1, 2, 3] as const) }).map((f): CaseCommand => ({ type: 'SetManagementLevel', occurredOn: on, ...f })) },
    { weight: 3, arbitrary: fc.record({ meetingId: ids('m', 8), level: pick([2, 3] as const), kind: pick(['initial', 'review', 'emergency'] as const), next: fc.option(days(1, 365), { nil: undefined }) })
      .map(({ next, ...f }): CaseCommand => ({
        type: 'RecordMappMeeting', occurredOn: on, ...f, agencies: ['police', 'probation'],
        ...(next !== undefined && { nextReviewDue: addDays(on, next) }),
      })) },
    { weight: 2, arbitrary: pick(['remand', 'sentence', 'hospital'] as const).map((reason): CaseCommand => ({ type: 'RecordCustody', occurredOn: on, reason })) },
    { weight: 2, arbitrary: fc.option(days(1, 1500), { nil: undefined }).map((l): CaseCommand => ({ type: 'RecordRelease', occurredOn: on, ...(l !== undefined && { licenceEnds: addDays(on, l) }) })) },
    { weight: 3, arbitrary: fc.constant<CaseCommand>({ type: 'RecallOnLicence', occurredOn: on }) },
    pick(['caution', 'conviction'] as const).map((disposal): CaseCommand => ({ type: 'RecordNotificationBreach', occurredOn: on, disposal })),
    { weight: 3, arbitrary: fc.record({ orderId: ids('o', 4), orderType: pick(on < '2015-03-08' ? (['SOPO', 'NO', 'FTO', 'SHPO'] as const) : (['SHPO', 'SRO', 'NO', 'SOPO'] as const)), applicant: pick(['police', 'nca'] as const) })
      .map((f): CaseCommand => ({ type: 'ApplyForCivilOrder', occurredOn: on, ...f })) },
    { weight: 2, arbitrary: ids('o', 4).map((orderId): CaseCommand => ({ type: 'RecordInterimOrder', occurredOn: on, orderId })) },
    fc.record({ orderId: ids('o', 4), conviction: fc.boolean(), orderType: pick(on < '2015-03-08' ? (['SOPO', 'NO', 'FTO', 'SRO'] as const) : (['SHPO', 'SRO', 'NO', 'FTO'] as const)), ends: fc.option(days(1, 3000), { nil: undefined }) })
      .map(({ orderId, conviction, orderType, ends }): CaseCommand => ({
        type: 'RecordFullOrder', occurredOn: on, orderId,
        ...(conviction && { madeOnConviction: true, orderType }),
        ...(ends !== undefined && { ends: addDays(on, ends) }),
      })),
    ids('o', 4).map((orderId): CaseCommand => ({ type: 'RefuseCivilOrder', occurredOn: on, orderId })),
    ids('o', 4).map((orderId): CaseCommand => ({ type: 'DischargeCivilOrder', occurredOn: on, orderId })),
    { weight: 2, arbitrary: fc.record({ orderId: ids('o', 4), disposal: pick(['custody', 'non-custodial', 'caution'] as const) }).map((f): CaseCommand => ({ type: 'RecordCivilOrderBreach', occurredOn: on, ...f })) },
    { weight: 2, arbitrary: fc.record({ chargeId: ids('c', 3), back: days(0, 60) }).map(({ chargeId, back }): CaseCommand => ({ type: 'ChargeSeriousFurtherOffence', occurredOn: on, chargeId, offenceDate: addDays(on, -back) })) },
    { weight: 2, arbitrary: fc.record({ chargeId: ids('c', 3), outcome: pick(['convicted', 'acquitted', 'discontinued', 'convicted-lesser', 'other'] as const) })
      .map((f): CaseCommand => ({ type: 'RecordSeriousFurtherOffenceOutcome', occurredOn: on, ...f })) },
    fc.record({ toArea: pick(AREAS), unit: fc.option(pick(UNITS), { nil: undefined }) })
      .map(({ toArea, unit }): CaseCommand => ({ type: 'TransferCase', occurredOn: on, toArea, ...(unit !== undefined && { localUnit: unit }) })),
    pick(['police', 'probation', 'prison'] as const).map((leadAgency): CaseCommand => ({ type: 'ChangeLeadAgency', occurredOn: on, leadAgency })),
    pick(UNITS).map((localUnit): CaseCommand => ({ type: 'ChangeLocalUnit', occurredOn: on, localUnit })),
  );

export const referralOn = (on: string, withTerrorism = false): fc.Arbitrary<CaseCommand> =>
  fc.record({
    area: pick(AREAS), unit: fc.option(pick(UNITS), { nil: undefined }), basis: basisOn(on, withTerrorism), level: pick([1, 2, 3] as const),
    inCustody: fc.boolean(), age: days(6000, 25000),
  }).map(({ area, unit, basis, level, inCustody, age }): CaseCommand => ({
    type: 'ReferOffender', occurredOn: on, area, leadAgency: 'police', ...(unit !== undefined && { localUnit: unit }),
    // Born well before the basis starts, so the referral is schema-valid.
    subject: { ref: 'GEN-SUBJECT', dateOfBirth: addDays(on, -age - 3000) },
    basis, level: basis.kind === 'other-dangerous-offender' && level === 1 ? 2 : level, inCustody,
  }));

/** A referral date, then day steps: mostly forwards, sometimes back (a backdated command). */
export const caseScript = (options: ScriptOptions = {}) =>
  fc
    .record({
      referredAfter: days(0, options.spanDays ?? 5000),
      steps: fc.array(days(-60, 200), { minLength: Math.min(5, options.maxCommands ?? 40), maxLength: options.maxCommands ?? 40, size: 'max' }),
      // About one history in six ends with a death; one in three is closed for a while and most reopen.
      death: fc.integer({ min: 0, max: 5 }).map((n) => n === 0),
      closed: fc.integer({ min: 0, max: 2 }).map((n) => n === 0),
      closure: fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), reopenAfter: fc.integer({ min: 1, max: 4 }), withBasis: fc.boolean() }),
    })
    .chain(({ referredAfter, steps, death, closed, closure }) => {
      const referredOn = addDays(options.from ?? '2004-04-01', referredAfter);
      let cursor = referredOn;
      const dates = steps.map((step) => {
        cursor = addDays(cursor, step);
        return cursor < referredOn ? referredOn : cursor > PROPERTY_TODAY ? PROPERTY_TODAY : cursor;
      });
      const deathAt = death ? dates.length - 1 : -1;
      const closeAt = closed ? Math.floor(closure.at * (dates.length - 1)) : -1;
      const reopenAt = closed ? closeAt + closure.reopenAfter : -1;
      const commandFor = (d: string, i: number): fc.Arbitrary<CaseCommand> =>
        i === deathAt ? fc.constant<CaseCommand>({ type: 'RecordDeath', occurredOn: d })
        : i === closeAt ? fc.constant<CaseCommand>({ type: 'CloseCase', occurredOn: d, reason: 'risk-reduced' })
        : i === reopenAt ? reopenAfterClosure(d > dates[closeAt]! ? d : addDays(dates[closeAt]!, 1), closure.withBasis, options.withTerrorism)
        : commandOn(d, { closeWeight: 0, ...options });
      return fc.tuple(referralOn(referredOn, options.withTerrorism), fc.tuple(...dates.map(commandFor)));
    })
    .map(([referral, rest]) => [referral, ...rest] as CaseCommand[]);

const reopenAfterClosure = (on: string, withBasis: boolean, withTerrorism = false): fc.Arbitrary<CaseCommand> =>
  withBasis
    ? basisOn(on, withTerrorism).map((basis): CaseCommand => ({ type: 'ReopenCase', occurredOn: on, basis: { ...basis, basisId: 'b-reopened' }, level: 2 }))
    : fc.constant<CaseCommand>({ type: 'ReopenCase', occurredOn: on });

export type Replayed = {
  timeline: Timeline;
  accepted: { command: CaseCommand; events: readonly CaseEvent[]; before: Timeline; after: Timeline }[];
  refused: { command: CaseCommand; error: DomainError }[];
};

/** Decides each command in order against the growing timeline, as the command handler would. */
export function replay(commands: readonly CaseCommand[], today: string = PROPERTY_TODAY): Replayed {
  let timeline: Timeline = [];
  let position = 0;
  const result: Replayed = { timeline, accepted: [], refused: [] };
  for (const command of commands) {
    const decision = decide(command, timeline, today);
    if (!decision.ok) {
      result.refused.push({ command, error: decision.error });
      continue;
    }
    const before = timeline;
    for (const event of decision.value) timeline = insertIntoTimeline(timeline, { position: position++, event });
    result.accepted.push({ command, events: decision.value, before, after: timeline });
  }
  result.timeline = timeline;
  return result;
}
