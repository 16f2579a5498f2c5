import { addDays } from '../../../src/domain/shared/business-date.js';
import type { CaseHistory } from '../case-history.js';
import { scheduleMeetings } from '../meetings.js';
import type { Rng } from '../prng.js';
import { HISTORY_END, MAPPA_START, SNAPSHOT, YEAR_START } from './calendar.js';
import { neighbour } from './places.js';
import { PAST_HISTORY, randomUnit, registeredThrough, releasedBefore } from './rso-predicates.js';
import { rsoLife } from './rso-life.js';

/** Registered sexual offenders (category 1) not in R01: in custody, lapsed, gone, or referred after the year; a few in R10 and R11. */

/** Not in R01: in prison (or hospital) on 31 March, at level 1 through the year; some released after it. */
export function rsoInCustodyAtSnapshot(h: CaseHistory, r: Rng): void {
  const life = rsoLife(h, r, {
    unit: randomUnit(r),
    relevantBetween: ['2000-01-01', '2009-01-31'],
    referBetween: [MAPPA_START, '2009-03-15'],
    accept: (c, referredOn) => c.sentence !== null && c.sentence.releasedOn > referredOn && c.sentence.releasedOn > '2009-04-01' && registeredThrough(c, PAST_HISTORY),
    noise: true,
    lateEntries: true,
  });
  const releasedOn = life.career.sentence!.releasedOn;
  // Release planning at level 2 begins after the year for those released in the summer.
  const planFrom = addDays(releasedOn, -r.int(30, 60));
  if (releasedOn <= HISTORY_END && planFrom > SNAPSHOT && r.chance(0.4)) scheduleMeetings(life.agenda, h, r, { from: planFrom, until: life.openUntil, level: 2 });
  life.agenda.run();
}

/** Not in the year's figures: notification lapsed before the year (or in it, at level 1), most cases closed. */
export function rsoLapsed(h: CaseHistory, r: Rng, p: { when: 'before-year' | 'in-year' }): void {
  const inYear = p.when === 'in-year';
  const life = rsoLife(h, r, {
    unit: randomUnit(r),
    relevantBetween: inYear ? ['1996-01-01', '2007-03-31'] : ['1994-01-01', '2007-06-30'],
    referBetween: [MAPPA_START, '2007-12-31'],
    accept: (c, referredOn) =>
      c.lastDay !== null && c.lastDay > addDays(referredOn, 60) &&
      (inYear ? c.lastDay >= YEAR_START && c.lastDay < SNAPSHOT : c.lastDay < '2008-03-01') &&
      releasedBefore(c, c.lastDay, referredOn),
    noise: true,
    lateEntries: true,
  });
  // Convicted again after the year: the closed case is reopened with the new registration.
  const reopenOn = r.dateBetween('2009-04-01', HISTORY_END);
  if (life.openUntil < '2009-03-01' && r.chance(0.08)) {
    life.agenda.at(reopenOn, () =>
      h.reopen(reopenOn, { basis: { kind: 'registered-sexual-offender', basisId: h.nextBasisId(), relevantDate: addDays(reopenOn, -r.int(0, 60)), disposal: r.pick(['other', 'caution'] as const) } }),
    );
  }
  life.agenda.run();
}

/** Not in R01: died (before the year, or in it at level 1), or moved away (transferred out at level 1). */
export function rsoGone(h: CaseHistory, r: Rng, p: { how: 'died' | 'transferred-out'; when: 'before-year' | 'in-year' }): void {
  const goneOn = p.when === 'in-year' ? r.dateBetween('2008-04-15', '2009-03-15') : r.dateBetween('2003-01-01', '2008-03-15');
  const life = rsoLife(h, r, {
    unit: randomUnit(r),
    relevantBetween: ['1995-01-01', addDays(goneOn, -400)],
    referBetween: [MAPPA_START, addDays(goneOn, -200)],
    accept: (c) => registeredThrough(c, goneOn),
    endsOn: goneOn,
    noise: true,
    lateEntries: false,
  });
  const to = neighbour(r);
  life.agenda.at(goneOn, () => (p.how === 'died' ? h.death(goneOn) : h.transfer(goneOn, to.area, to.unit)));
  life.agenda.run();
}

/** R10, not R01: convicted of breaching notification in the year and imprisoned for it, level 1. */
export function rsoBreachThenCustody(h: CaseHistory, r: Rng): void {
  const life = rsoLife(h, r, {
    unit: randomUnit(r),
    relevantBetween: ['1998-01-01', '2006-06-30'],
    referBetween: [MAPPA_START, '2007-06-30'],
    accept: (c, referredOn) => releasedBefore(c, YEAR_START, referredOn) && registeredThrough(c, PAST_HISTORY),
  });
  const breachOn = r.dateBetween('2008-06-01', '2009-02-15');
  const releasedOn = r.dateBetween('2009-05-01', HISTORY_END);
  life.agenda.at(breachOn, () => {
    h.notificationBreach(breachOn, 'conviction');
    h.custody(breachOn, 'sentence');
  });
  life.agenda.at(releasedOn, () => h.release(releasedOn));
  life.agenda.run();
}

/** R10 (Cumbria, where the breach happened), not R01: cautioned for a breach, then moved to another area. */
export function rsoBreachThenTransferredOut(h: CaseHistory, r: Rng): void {
  const breachOn = r.dateBetween(YEAR_START, '2008-10-31');
  const movedOn = r.dateBetween(addDays(breachOn, 30), '2009-03-15');
  const life = rsoLife(h, r, {
    unit: randomUnit(r),
    relevantBetween: ['1998-01-01', '2006-06-30'],
    referBetween: [MAPPA_START, '2007-06-30'],
    accept: (c, referredOn) => releasedBefore(c, YEAR_START, referredOn) && registeredThrough(c, PAST_HISTORY),
    endsOn: movedOn,
  });
  const to = neighbour(r);
  life.agenda.at(breachOn, () => h.notificationBreach(breachOn, 'caution'));
  life.agenda.at(movedOn, () => h.transfer(movedOn, to.area, to.unit));
  life.agenda.run();
}

/**
 * Not R06 or R07: charged in the year with a serious further offence committed while managed at
 * level 1 (SFOs counted are those at levels 2 and 3); remanded, so not in R01; convicted after the year.
 */
export function rsoChargedAtLevel1(h: CaseHistory, r: Rng): void {
  const life = rsoLife(h, r, {
    unit: randomUnit(r),
    relevantBetween: ['1998-01-01', '2006-06-30'],
    referBetween: [MAPPA_START, '2007-06-30'],
    accept: (c, referredOn) => releasedBefore(c, YEAR_START, referredOn) && registeredThrough(c, PAST_HISTORY),
  });
  const offenceOn = r.dateBetween('2008-06-01', '2008-12-31');
  const chargedOn = addDays(offenceOn, r.int(1, 30));
  const outcomeOn = r.dateBetween('2009-05-01', HISTORY_END);
  let chargeId = '';
  life.agenda.at(chargedOn, () => {
    chargeId = h.charge(chargedOn, offenceOn);
    h.custody(chargedOn, 'remand');
  });
  life.agenda.at(outcomeOn, () => h.chargeOutcome(outcomeOn, chargeId, 'convicted'));
  life.agenda.run();
}

/** Not in the year's return: referred after 31 March 2009; one with a Notification Order application. */
export function rsoReferredAfterYear(h: CaseHistory, r: Rng, p: { notificationOrder?: boolean } = {}): void {
  const life = rsoLife(h, r, {
    unit: randomUnit(r),
    relevantBetween: ['2007-06-01', '2009-07-31'],
    referBetween: ['2009-04-01', '2009-08-31'],
    accept: (c) => registeredThrough(c, PAST_HISTORY),
  });
  if (p.notificationOrder) {
    const applied = addDays(life.referredOn, r.int(1, 20));
    const interim = addDays(applied, r.int(1, 10));
    let orderId = '';
    if (interim <= HISTORY_END) {
      life.agenda.at(applied, () => (orderId = h.applyForOrder(applied, 'NO')));
      life.agenda.at(interim, () => h.interimOrder(interim, orderId));
    }
  }
  life.agenda.run();
}
