import { addDays, maxDate, minDate } from '../../../src/domain/shared/business-date.js';
import type { CaseHistory } from '../case-history.js';
import { scheduleMeetings, scheduleSpellEndingOn } from '../meetings.js';
import type { Rng } from '../prng.js';
import { HISTORY_END, MAPPA_START, YEAR_START } from './calendar.js';
import { scheduleRole, type InYearRole } from './in-year-roles.js';
import { neighbour } from './places.js';
import { PAST_HISTORY, randomUnit, registeredThrough, releasedBefore } from './rso-predicates.js';
import { rsoLife } from './rso-life.js';

/** Registered sexual offenders (category 1) managed at level 2 or 3 in the year: R02 and R03, R04 and R05. */

type Level2Variant = 'all-year' | 'from-in-year' | 'new-referral-in-year' | 'transferred-in-in-year';

/** R01 cat1 and R02 cat1: at level 2 and in the community on 31 March. */
export function rsoAtLevel2(h: CaseHistory, r: Rng, p: { unit: string; variant: Level2Variant; role?: InYearRole }): void {
  const newReferral = p.variant === 'new-referral-in-year';
  const transferInOn = p.variant === 'transferred-in-in-year' ? r.dateBetween('2008-05-01', '2009-02-28') : undefined;
  const life = rsoLife(h, r, {
    unit: p.unit,
    relevantBetween: newReferral ? ['2003-01-01', '2007-06-30'] : ['1996-01-01', '2007-06-30'],
    referBetween: newReferral ? [YEAR_START, '2009-01-31'] : [MAPPA_START, p.role ? '2007-06-30' : '2007-12-31'],
    accept: (c, referredOn) =>
      registeredThrough(c, PAST_HISTORY) &&
      (newReferral
        ? c.sentence !== null && c.sentence.releasedOn > referredOn && c.sentence.releasedOn < '2009-02-15'
        : releasedBefore(c, '2009-02-15', referredOn) && (transferInOn === undefined || referredOn < addDays(transferInOn, -200))),
    level: newReferral || transferInOn ? 2 : 1,
    ...(transferInOn && { transferInOn }),
  });
  const start =
    newReferral || transferInOn
      ? life.referredOn
      : p.variant === 'all-year'
        ? r.dateBetween(maxDate(addDays(life.referredOn, 30), '2005-01-01'), '2008-03-31')
        : r.dateBetween('2008-04-15', '2009-03-10');
  scheduleMeetings(life.agenda, h, r, { from: start, until: life.openUntil, level: 2, kind: p.variant === 'from-in-year' ? r.pick(['initial', 'emergency'] as const) : 'initial' });
  if (p.role) scheduleRole(life.agenda, h, r, p.role);
  life.agenda.run();
}

/** R01 cat1, R02 cat1 and R03 cat1: at level 2 from before the year, raised to level 3 in it. */
export function rsoRaisedToLevel3(h: CaseHistory, r: Rng, p: { unit: string }): void {
  const life = rsoLife(h, r, {
    unit: p.unit,
    relevantBetween: ['1999-01-01', '2006-06-30'],
    referBetween: [MAPPA_START, '2007-06-30'],
    accept: (c, referredOn) => registeredThrough(c, PAST_HISTORY) && releasedBefore(c, '2008-01-01', referredOn),
  });
  const start = r.dateBetween(maxDate(addDays(life.referredOn, 30), '2007-01-01'), '2008-02-29');
  const raised = r.dateBetween('2008-07-01', '2009-01-31');
  scheduleMeetings(life.agenda, h, r, { from: start, until: raised, level: 2 });
  scheduleMeetings(life.agenda, h, r, { from: raised, until: life.openUntil, level: 3, kind: 'emergency' });
  life.agenda.run();
}

/** R01 cat1 and R03 cat1: at level 3 all year, in the community. */
export function rsoAtLevel3(h: CaseHistory, r: Rng, p: { unit: string }): void {
  const life = rsoLife(h, r, {
    unit: p.unit,
    relevantBetween: ['1998-01-01', '2006-06-30'],
    referBetween: [MAPPA_START, '2007-06-30'],
    accept: (c, referredOn) => registeredThrough(c, PAST_HISTORY) && releasedBefore(c, '2009-01-01', referredOn),
  });
  const start = r.dateBetween(maxDate(addDays(life.referredOn, 1), '2006-06-01'), '2008-03-31');
  scheduleMeetings(life.agenda, h, r, { from: start, until: life.openUntil, level: 3 });
  life.agenda.run();
}

/** R01 cat1 and R02 cat1: at level 2 into the year, back to level 1 before 31 March. */
export function rsoSteppedDownInYear(h: CaseHistory, r: Rng, p: { unit: string }): void {
  const life = rsoLife(h, r, {
    unit: p.unit,
    relevantBetween: ['1997-01-01', '2007-06-30'],
    referBetween: [MAPPA_START, '2008-01-31'],
    accept: (c, referredOn) => registeredThrough(c, PAST_HISTORY) && releasedBefore(c, '2009-03-01', referredOn),
  });
  const start = r.dateBetween(maxDate(addDays(life.referredOn, 1), '2005-06-01'), '2008-03-01');
  const end = r.dateBetween(maxDate(addDays(start, 90), '2008-04-20'), '2009-03-20');
  scheduleSpellEndingOn(life.agenda, h, r, { from: start, until: end, level: 2 });
  life.agenda.run();
}

/** R02 cat1 and R04 level 2: recalled on licence at level 2 in the year, still in prison on 31 March. */
export function rsoRecalledAtLevel2(h: CaseHistory, r: Rng): void {
  const life = rsoLife(h, r, {
    unit: randomUnit(r),
    relevantBetween: ['2001-01-01', '2007-06-30'],
    referBetween: [MAPPA_START, '2008-06-30'],
    accept: (c, referredOn) =>
      c.sentence !== null && !c.sentence.hospital && c.sentence.releasedOn > referredOn && c.sentence.releasedOn >= '2006-06-01' &&
      c.sentence.releasedOn <= '2008-09-30' && (c.sentence.licenceEnds ?? '') > '2009-05-01' && registeredThrough(c, PAST_HISTORY),
  });
  const releasedOn = life.releasedOn!;
  const start = r.dateBetween(maxDate(life.referredOn, addDays(releasedOn, -120)), minDate(addDays(releasedOn, 120), '2008-06-30'));
  const recallOn = r.dateBetween(maxDate(addDays(maxDate(start, releasedOn), 14), YEAR_START), '2009-03-15');
  scheduleMeetings(life.agenda, h, r, { from: start, until: life.openUntil, level: 2 });
  life.agenda.at(recallOn, () => h.recall(recallOn));
  const backOn = r.dateBetween('2009-04-15', HISTORY_END);
  if (r.chance(0.5)) life.agenda.at(backOn, () => h.release(backOn, life.career.sentence!.licenceEnds));
  life.agenda.run();
}

/** R02 or R03 cat1 and R05: sent to custody for breaching a SOPO at level 2 or 3 in the year. */
export function rsoOrderBreachToCustody(h: CaseHistory, r: Rng, p: { level: 2 | 3 }): void {
  const life = rsoLife(h, r, {
    unit: randomUnit(r),
    relevantBetween: ['1998-01-01', '2005-06-30'],
    referBetween: [MAPPA_START, '2005-12-31'],
    accept: (c, referredOn) => releasedBefore(c, '2006-01-01', referredOn) && registeredThrough(c, PAST_HISTORY),
  });
  const applied = r.dateBetween(maxDate(life.referredOn, '2005-01-01'), '2006-12-31');
  const granted = addDays(applied, r.int(30, 90));
  const start = r.dateBetween(maxDate(granted, '2007-01-01'), '2008-03-31');
  const breachOn = r.dateBetween('2008-06-01', '2009-02-28');
  let orderId = '';
  life.agenda.at(applied, () => (orderId = h.applyForOrder(applied)));
  life.agenda.at(granted, () => h.fullOrder(granted, orderId));
  scheduleMeetings(life.agenda, h, r, { from: start, until: life.openUntil, level: p.level });
  life.agenda.at(breachOn, () => h.breachOrder(breachOn, orderId, 'custody'));
  life.agenda.run();
}

type LeavesLevel2 = 'transferred-out' | 'remanded' | 'died' | 'lapsed';

/**
 * R02 cat1: at level 2 in the year, but not in R01: transferred to another area, remanded and
 * then sentenced for a new offence, died, or their notification period ended in the year.
 */
export function rsoLeavesAtLevel2(h: CaseHistory, r: Rng, p: { how: LeavesLevel2 }): void {
  const leavesOn = r.dateBetween('2008-05-01', '2009-02-28');
  const lapsed = p.how === 'lapsed';
  const life = rsoLife(h, r, {
    unit: randomUnit(r),
    relevantBetween: lapsed ? ['1997-01-01', '2004-06-30'] : ['1997-01-01', '2006-06-30'],
    referBetween: [MAPPA_START, '2007-06-30'],
    accept: (c, referredOn) =>
      releasedBefore(c, '2007-06-01', referredOn) &&
      (lapsed ? c.lastDay !== null && c.lastDay >= '2008-05-01' && c.lastDay <= '2009-02-28' : registeredThrough(c, PAST_HISTORY)),
    ...(p.how === 'transferred-out' || p.how === 'died' ? { endsOn: leavesOn } : {}),
    keepOpen: lapsed,
    lateEntries: false,
  });
  const start = r.dateBetween(maxDate(addDays(life.referredOn, 30), '2006-01-01'), '2008-03-31');
  switch (p.how) {
    case 'transferred-out': {
      const to = neighbour(r);
      scheduleMeetings(life.agenda, h, r, { from: start, until: leavesOn, level: 2 });
      life.agenda.at(leavesOn, () => h.transfer(leavesOn, to.area, to.unit));
      // Their new area holds its own MAPP meetings.
      scheduleMeetings(life.agenda, h, r, { from: addDays(leavesOn, r.int(10, 40)), until: PAST_HISTORY, level: 2, kind: 'review' });
      break;
    }
    case 'remanded': {
      const sentencedOn = minDate(HISTORY_END, addDays(leavesOn, r.int(60, 200)));
      scheduleMeetings(life.agenda, h, r, { from: start, until: life.openUntil, level: 2 });
      life.agenda.at(leavesOn, () => h.custody(leavesOn, 'remand'));
      life.agenda.at(sentencedOn, () =>
        h.addBasis(sentencedOn, { kind: 'registered-sexual-offender', basisId: h.nextBasisId(), relevantDate: sentencedOn, disposal: 'custody', custodialMonths: r.pick([36, 48, 60]) }),
      );
      break;
    }
    case 'died':
      scheduleMeetings(life.agenda, h, r, { from: start, until: leavesOn, level: 2 });
      life.agenda.at(leavesOn, () => h.death(leavesOn));
      break;
    case 'lapsed': {
      const lastDay = life.career.lastDay!;
      const closeOn = addDays(lastDay, r.int(1, 21));
      scheduleMeetings(life.agenda, h, r, { from: start, until: addDays(lastDay, 1), level: 2 });
      life.agenda.at(closeOn, () => h.stepDownToLevel1(closeOn));
      life.agenda.at(closeOn, () => h.close(closeOn, 'no-longer-eligible'));
      break;
    }
  }
  life.agenda.run();
}
