import { addDays } from '../../../src/domain/shared/business-date.js';
import type { CaseHistory } from '../case-history.js';
import type { Rng } from '../prng.js';
import { subjectRef } from '../subjects.js';
import { MAPPA_START, YEAR_START } from './calendar.js';
import { scheduleRole, type InYearRole } from './in-year-roles.js';
import { DAY_AFTER_SNAPSHOT, PAST_HISTORY, registeredThrough, releasedBefore } from './rso-predicates.js';
import { rsoLife } from './rso-life.js';

/** Registered sexual offenders (category 1) in R01 and R08 at level 1 on 31 March; some with the year's orders and breaches. */

/**
 * R01 cat1 and R08 (level 1): registered, in Cumbria and in the community on 31 March. With a
 * role, the case also applies for an order or breaches notification around the year.
 */
export function rsoInCommunity(h: CaseHistory, r: Rng, p: { unit: string; role?: InYearRole }): void {
  const life = rsoLife(h, r, {
    unit: p.unit,
    relevantBetween: ['1995-06-01', '2009-01-31'],
    referBetween: [MAPPA_START, p.role ? '2007-06-30' : '2009-02-28'],
    accept: (c, referredOn) =>
      registeredThrough(c, p.role ? PAST_HISTORY : DAY_AFTER_SNAPSHOT) && releasedBefore(c, p.role ? YEAR_START : '2009-03-01', referredOn),
    ...(!p.role && { transferInBefore: '2009-03-01' }),
    noise: true,
    lateEntries: true,
  });
  if (p.role) scheduleRole(life.agenda, h, r, p.role);
  life.agenda.run();
}

/** R01 cat1 (level 1): recalled at level 1 in the year (not R04) and released again before 31 March. */
export function rsoRecalledAtLevel1(h: CaseHistory, r: Rng, p: { unit: string }): void {
  const life = rsoLife(h, r, {
    unit: p.unit,
    relevantBetween: ['2002-01-01', '2007-06-30'],
    referBetween: [MAPPA_START, '2008-01-31'],
    accept: (c, referredOn) =>
      c.sentence !== null && !c.sentence.hospital && c.sentence.releasedOn > referredOn && c.sentence.releasedOn >= '2006-01-01' &&
      c.sentence.releasedOn <= '2008-02-28' && (c.sentence.licenceEnds ?? '') > '2009-06-30' && registeredThrough(c, PAST_HISTORY),
  });
  const recallOn = r.dateBetween('2008-05-01', '2009-01-31');
  const backOn = addDays(recallOn, r.int(28, 50));
  life.agenda.at(recallOn, () => h.recall(recallOn));
  life.agenda.at(backOn, () => h.release(backOn, life.career.sentence!.licenceEnds));
  life.agenda.run();
}

/** R01 cat1 (level 1): sent to custody for breaching a SOPO at level 1 (not R05), out again by 31 March. */
export function rsoOrderBreachAtLevel1(h: CaseHistory, r: Rng, p: { unit: string }): void {
  const life = rsoLife(h, r, {
    unit: p.unit,
    relevantBetween: ['1998-01-01', '2005-06-30'],
    referBetween: [MAPPA_START, '2006-03-31'],
    accept: (c, referredOn) => releasedBefore(c, '2006-04-01', referredOn) && registeredThrough(c, PAST_HISTORY),
  });
  const applied = r.dateBetween('2006-05-01', '2007-06-30');
  const granted = addDays(applied, r.int(20, 90));
  const breachOn = r.dateBetween('2008-05-01', '2009-01-15');
  const releasedOn = addDays(breachOn, r.int(30, 60));
  let orderId = '';
  life.agenda.at(applied, () => (orderId = h.applyForOrder(applied)));
  life.agenda.at(granted, () => h.fullOrder(granted, orderId));
  life.agenda.at(breachOn, () => h.breachOrder(breachOn, orderId, 'custody'));
  life.agenda.at(releasedOn, () => h.release(releasedOn));
  life.agenda.run();
}

/**
 * R11 full (made on conviction): referred on conviction in the year with a SOPO made by the
 * sentencing court. In custody: not in R01; with a community order: R01 cat1 at level 1.
 */
export function rsoConvictedWithOrder(h: CaseHistory, r: Rng, p: { unit: string; custody: boolean }): void {
  const on = r.dateBetween('2008-05-01', '2009-02-28');
  const basisId = h.nextBasisId();
  h.refer({
    occurredOn: on,
    area: 'cumbria',
    localUnit: p.unit,
    leadAgency: 'probation',
    subject: { ref: subjectRef(r, on), dateOfBirth: addDays(on, -r.int(22 * 365, 55 * 365)) },
    basis: p.custody
      ? { kind: 'registered-sexual-offender', basisId, relevantDate: on, disposal: 'custody', custodialMonths: r.pick([36, 48, 72]) }
      : { kind: 'registered-sexual-offender', basisId, relevantDate: on, disposal: 'other' },
    inCustody: p.custody,
  });
  h.orderOnConviction(on, 'SOPO', p.custody ? undefined : addDays(on, 5 * 365));
}

/** R01 cat1 (level 1): convicted abroad, made subject to notification by a Notification Order in 2007 (R12 of 2007-08). */
export function rsoNotificationOrder(h: CaseHistory, r: Rng, p: { unit: string }): void {
  const referredOn = r.dateBetween('2007-02-01', '2007-04-30');
  h.refer({
    occurredOn: referredOn,
    area: 'cumbria',
    localUnit: p.unit,
    leadAgency: 'police',
    subject: { ref: subjectRef(r, referredOn), dateOfBirth: addDays(referredOn, -r.int(25 * 365, 50 * 365)) },
    // The foreign sentence decides the period as a domestic one would (SOA 2003 s.98).
    basis: { kind: 'registered-sexual-offender', basisId: h.nextBasisId(), relevantDate: addDays(referredOn, -r.int(200, 900)), disposal: 'custody', custodialMonths: 48 },
  });
  const applied = addDays(referredOn, r.int(5, 30));
  const made = addDays(applied, r.int(30, 90));
  const orderId = h.applyForOrder(applied, 'NO');
  h.fullOrder(made, orderId);
}

/** R01 cat1 (level 1): a Foreign Travel Order made in 2006 (R13 of 2006-07), long expired by the year. */
export function rsoForeignTravelOrder(h: CaseHistory, r: Rng, p: { unit: string }): void {
  const life = rsoLife(h, r, {
    unit: p.unit,
    relevantBetween: ['2000-01-01', '2005-01-31'],
    referBetween: [MAPPA_START, '2005-06-30'],
    accept: (c, referredOn) => releasedBefore(c, '2006-01-01', referredOn) && registeredThrough(c, PAST_HISTORY),
  });
  const applied = r.dateBetween('2006-02-01', '2006-10-31');
  const made = addDays(applied, r.int(14, 45));
  let orderId = '';
  life.agenda.at(applied, () => (orderId = h.applyForOrder(applied, 'FTO')));
  life.agenda.at(made, () => h.fullOrder(made, orderId, addDays(made, 182)));
  life.agenda.run();
}
