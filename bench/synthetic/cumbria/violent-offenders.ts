import { addDays, maxDate, minDate, type BusinessDate } from '../../../src/domain/shared/business-date.js';
import type { CaseHistory } from '../case-history.js';
import type { ViolentCareer } from '../careers.js';
import { scheduleMeetings, scheduleSpellEndingOn } from '../meetings.js';
import type { Rng } from '../prng.js';
import { HISTORY_END, SNAPSHOT, YEAR_START } from './calendar.js';
import { CUMBRIA_UNITS, neighbour } from './places.js';
import { violentLife } from './violent-life.js';

/** Stories of violent offenders (category 2); each comment says what it adds to Cumbria's 2008-09 return. */

const PAST_HISTORY = addDays(HISTORY_END, 1);
const unit = (r: Rng) => r.pick(CUMBRIA_UNITS);
const eligibleThrough = (c: ViolentCareer, day: BusinessDate) => c.basis.ends === undefined || c.basis.ends >= day;
const outBy = (c: ViolentCareer, day: BusinessDate) => c.sentence.releasedOn < day;

/** R01 cat2 (level 1): on licence (or discharged from hospital) in the community on 31 March. */
export function violentInCommunity(h: CaseHistory, r: Rng): void {
  violentLife(h, r, {
    unit: unit(r),
    startBetween: ['2000-01-01', '2008-10-31'],
    referBetween: ['2001-04-02', '2009-02-28'],
    accept: (c) => outBy(c, '2009-03-01') && eligibleThrough(c, addDays(SNAPSHOT, 1)),
    transferInBefore: '2009-03-01',
    noise: true,
  }).agenda.run();
}

/**
 * R01 cat2 (level 1): eligible once, closed when the licence ended, reopened years later with a
 * new sentence, and out on licence again by 31 March.
 */
export function violentReopened(h: CaseHistory, r: Rng): void {
  const life = violentLife(h, r, {
    unit: unit(r),
    startBetween: ['2000-06-01', '2002-06-30'],
    referBetween: ['2001-04-02', '2003-06-30'],
    accept: (c) => c.basis.ends !== undefined && c.basis.ends < '2005-06-30',
  });
  const reopenOn = r.dateBetween(maxDate(addDays(life.openUntil, 200), '2005-09-01'), '2006-06-30');
  const months = r.int(48, 60);
  const releasedOn = addDays(reopenOn, Math.round((months * 30.4) / 2));
  const ends = addDays(reopenOn, Math.round(months * 30.4));
  life.agenda.at(reopenOn, () => {
    h.reopen(reopenOn, { basis: { kind: 'violent-offender', basisId: h.nextBasisId(), startDate: reopenOn, sentenceMonths: months, ends }, level: 1 });
    h.custody(reopenOn, 'sentence');
  });
  life.agenda.at(releasedOn, () => h.release(releasedOn, ends));
  life.agenda.run();
}

/** R01 cat2 and R02 cat2: at level 2 and in the community on 31 March. */
export function violentAtLevel2(h: CaseHistory, r: Rng, p: { from: 'before-year' | 'in-year' }): void {
  const life = violentLife(h, r, {
    unit: unit(r),
    startBetween: ['2003-01-01', '2008-06-30'],
    referBetween: ['2004-01-01', p.from === 'before-year' ? '2008-03-15' : '2009-02-15'],
    accept: (c) => outBy(c, '2009-03-01') && eligibleThrough(c, PAST_HISTORY),
  });
  const start =
    p.from === 'before-year'
      ? r.dateBetween(maxDate(life.referredOn, '2006-01-01'), '2008-03-31')
      : r.dateBetween(maxDate(life.referredOn, YEAR_START), '2009-03-10');
  scheduleMeetings(life.agenda, h, r, { from: start, until: life.openUntil, level: 2 });
  life.agenda.run();
}

/**
 * R02 cat2 and R04 level 2: recalled on licence at level 2 in the year. Still in prison on
 * 31 March (not R01), or released again before it (R01 cat2, still at level 2).
 */
export function violentRecalledAtLevel2(h: CaseHistory, r: Rng, p: { releasedAgainBySnapshot: boolean }): void {
  const life = violentLife(h, r, {
    unit: unit(r),
    startBetween: ['2004-01-01', '2008-03-31'],
    referBetween: ['2004-06-01', '2008-06-30'],
    accept: (c, referredOn) =>
      c.sentence.licenceEnds !== undefined && c.sentence.releasedOn > referredOn && c.sentence.releasedOn <= '2008-09-30' &&
      c.sentence.licenceEnds > (p.releasedAgainBySnapshot ? '2009-06-30' : '2009-04-30'),
  });
  const releasedOn = life.releasedOn!;
  const start = r.dateBetween(maxDate(life.referredOn, addDays(releasedOn, -120)), minDate(addDays(releasedOn, 90), '2008-06-30'));
  const recallOn = r.dateBetween(maxDate(addDays(maxDate(start, releasedOn), 14), YEAR_START), p.releasedAgainBySnapshot ? '2009-01-31' : '2009-03-15');
  const backOn = p.releasedAgainBySnapshot ? r.dateBetween(addDays(recallOn, 28), '2009-03-20') : r.dateBetween('2009-04-15', HISTORY_END);
  scheduleMeetings(life.agenda, h, r, { from: start, until: life.openUntil, level: 2 });
  life.agenda.at(recallOn, () => h.recall(recallOn));
  // Released again only while the licence runs: the case is closed once it has ended.
  if (p.releasedAgainBySnapshot || (r.chance(0.6) && backOn < life.career.sentence.licenceEnds!)) life.agenda.at(backOn, () => h.release(backOn, life.career.sentence.licenceEnds));
  life.agenda.run();
}

/** R02 cat2: at level 2 until the licence ended in the year; then back to level 1 and closed. */
export function violentLicenceEndsAtLevel2(h: CaseHistory, r: Rng): void {
  const life = violentLife(h, r, {
    unit: unit(r),
    startBetween: ['2003-01-01', '2007-06-30'],
    referBetween: ['2004-01-01', '2008-01-31'],
    accept: (c) => c.basis.ends !== undefined && c.basis.ends >= '2008-05-01' && c.basis.ends <= '2009-03-01' && outBy(c, '2008-03-01'),
    keepOpen: true,
  });
  const ends = life.career.basis.ends!;
  const start = r.dateBetween(maxDate(life.referredOn, '2006-06-01'), '2008-03-31');
  const closeOn = addDays(ends, r.int(1, 14));
  scheduleMeetings(life.agenda, h, r, { from: start, until: addDays(ends, 1), level: 2 });
  if (r.chance(0.5)) life.agenda.at(ends, () => h.endBasis(ends, life.career.basis.basisId, 'licence-expired'));
  life.agenda.at(closeOn, () => h.stepDownToLevel1(closeOn));
  life.agenda.at(closeOn, () => h.close(closeOn, 'no-longer-eligible'));
  life.agenda.run();
}

/** R01 cat2 and R02 cat2: at level 2 into the year, back to level 1 before 31 March. */
export function violentSteppedDownInYear(h: CaseHistory, r: Rng): void {
  const life = violentLife(h, r, {
    unit: unit(r),
    startBetween: ['2003-01-01', '2007-12-31'],
    referBetween: ['2004-01-01', '2008-01-31'],
    accept: (c) => outBy(c, '2009-03-01') && eligibleThrough(c, PAST_HISTORY),
  });
  const start = r.dateBetween(maxDate(life.referredOn, '2006-01-01'), '2008-03-01');
  const end = r.dateBetween(maxDate(addDays(start, 90), '2008-04-20'), '2009-03-20');
  scheduleSpellEndingOn(life.agenda, h, r, { from: start, until: end, level: 2 });
  life.agenda.run();
}

/** R02 cat2, not R01: at level 2 in the year, then transferred to another area or remanded in custody. */
export function violentLeavesAtLevel2(h: CaseHistory, r: Rng, p: { how: 'transferred-out' | 'remanded' }): void {
  const leavesOn = r.dateBetween('2008-06-01', '2009-02-28');
  const life = violentLife(h, r, {
    unit: unit(r),
    startBetween: ['2003-01-01', '2007-12-31'],
    referBetween: ['2004-01-01', '2008-01-31'],
    accept: (c) => outBy(c, '2008-03-01') && eligibleThrough(c, PAST_HISTORY),
    ...(p.how === 'transferred-out' && { endsOn: leavesOn }),
  });
  const start = r.dateBetween(maxDate(life.referredOn, '2006-06-01'), '2008-03-31');
  if (p.how === 'transferred-out') {
    const to = neighbour(r);
    scheduleMeetings(life.agenda, h, r, { from: start, until: leavesOn, level: 2 });
    life.agenda.at(leavesOn, () => h.transfer(leavesOn, to.area, to.unit));
  } else {
    scheduleMeetings(life.agenda, h, r, { from: start, until: life.openUntil, level: 2 });
    life.agenda.at(leavesOn, () => h.custody(leavesOn, 'remand'));
  }
  life.agenda.run();
}

/** Not in R01: serving the custodial part of the sentence on 31 March, level 1; some released after. */
export function violentInCustodyAtSnapshot(h: CaseHistory, r: Rng): void {
  violentLife(h, r, {
    unit: unit(r),
    startBetween: ['2002-01-01', '2008-12-31'],
    referBetween: ['2004-01-01', '2009-03-15'],
    accept: (c, referredOn) => c.sentence.releasedOn > referredOn && c.sentence.releasedOn > '2009-04-01',
    noise: true,
  }).agenda.run();
}

/** Not in the year's figures: licence ended before the year, case closed. */
export function violentExpiredBeforeYear(h: CaseHistory, r: Rng): void {
  violentLife(h, r, {
    unit: unit(r),
    startBetween: ['1999-01-01', '2006-06-30'],
    referBetween: ['2001-04-02', '2007-06-30'],
    accept: (c, referredOn) => c.basis.ends !== undefined && c.basis.ends < '2008-02-15' && c.basis.ends > addDays(referredOn, 90),
    noise: true,
  }).agenda.run();
}

/** Not in the year's figures: at level 3 in 2004-06, later closed when the licence ended. */
export function violentLevel3BeforeYear(h: CaseHistory, r: Rng): void {
  const life = violentLife(h, r, {
    unit: unit(r),
    startBetween: ['2002-01-01', '2003-12-31'],
    referBetween: ['2003-01-01', '2004-06-30'],
    accept: (c) => c.basis.ends !== undefined && c.basis.ends > '2006-12-31' && c.basis.ends < '2008-01-31' && outBy(c, '2005-06-01'),
  });
  const start = r.dateBetween(maxDate(life.referredOn, '2004-01-01'), '2005-06-30');
  const end = r.dateBetween(addDays(start, 180), '2006-12-31');
  scheduleSpellEndingOn(life.agenda, h, r, { from: start, until: end, level: 3 });
  life.agenda.run();
}

/** Not in the year's figures: died before it. */
export function violentDiedBeforeYear(h: CaseHistory, r: Rng): void {
  const diedOn = r.dateBetween('2004-01-01', '2008-03-15');
  const life = violentLife(h, r, {
    unit: unit(r),
    startBetween: ['2001-01-01', addDays(diedOn, -500)],
    referBetween: ['2001-04-02', addDays(diedOn, -120)],
    accept: (c) => eligibleThrough(c, diedOn),
    endsOn: diedOn,
  });
  life.agenda.at(diedOn, () => h.death(diedOn));
  life.agenda.run();
}

/**
 * R06 of 2006-07, resolved before the year (so not in this year's R07): charged with a serious
 * further offence committed at level 2, convicted, sentenced again; level 1 and in prison since.
 */
export function violentChargedAtLevel2Earlier(h: CaseHistory, r: Rng): void {
  const life = violentLife(h, r, {
    unit: unit(r),
    startBetween: ['2001-06-01', '2003-06-30'],
    referBetween: ['2002-01-01', '2004-12-31'],
    accept: (c) => outBy(c, '2005-01-01') && eligibleThrough(c, '2007-12-31'),
    // The new sentence keeps the case eligible after the first licence ends.
    keepOpen: true,
  });
  const start = r.dateBetween(maxDate(life.referredOn, '2005-01-01'), '2006-03-31');
  const offenceOn = r.dateBetween(addDays(start, 30), '2006-12-31');
  const chargedOn = addDays(offenceOn, r.int(2, 30));
  const convictedOn = r.dateBetween(addDays(chargedOn, 120), '2007-10-31');
  let chargeId = '';
  scheduleMeetings(life.agenda, h, r, { from: start, until: convictedOn, level: 2 });
  life.agenda.at(chargedOn, () => {
    chargeId = h.charge(chargedOn, offenceOn);
    h.custody(chargedOn, 'remand');
  });
  life.agenda.at(convictedOn, () => {
    h.chargeOutcome(convictedOn, chargeId, 'convicted');
    h.addBasis(convictedOn, { kind: 'violent-offender', basisId: h.nextBasisId(), startDate: convictedOn, sentenceMonths: 96, ends: addDays(convictedOn, 8 * 365) });
    h.stepDownToLevel1(convictedOn);
  });
  life.agenda.run();
}

/**
 * Not in the year's figures (R06 of 2009-10): in prison on 31 March, released in the spring,
 * managed at level 2, then charged with a serious further offence.
 */
export function violentChargedAfterYear(h: CaseHistory, r: Rng): void {
  const life = violentLife(h, r, {
    unit: unit(r),
    startBetween: ['2005-01-01', '2007-12-31'],
    referBetween: ['2005-06-01', '2009-03-15'],
    accept: (c, referredOn) =>
      c.sentence.licenceEnds !== undefined && c.sentence.releasedOn > referredOn && c.sentence.releasedOn > '2009-05-01' && c.sentence.releasedOn < '2009-06-15',
  });
  const releasedOn = life.releasedOn!;
  const offenceOn = r.dateBetween(addDays(releasedOn, 30), '2009-08-15');
  const chargedOn = addDays(offenceOn, r.int(1, 30));
  scheduleMeetings(life.agenda, h, r, { from: addDays(releasedOn, -r.int(20, 29)), until: life.openUntil, level: 2 });
  life.agenda.at(chargedOn, () => {
    h.charge(chargedOn, offenceOn);
    h.custody(chargedOn, 'remand');
  });
  life.agenda.run();
}

/** Not in the year's return: referred after 31 March 2009. */
export function violentReferredAfterYear(h: CaseHistory, r: Rng): void {
  violentLife(h, r, {
    unit: unit(r),
    startBetween: ['2006-01-01', '2009-06-30'],
    referBetween: ['2009-04-01', HISTORY_END],
  }).agenda.run();
}
