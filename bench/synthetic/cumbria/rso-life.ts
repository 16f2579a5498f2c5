import type { Level } from '../../../src/domain/case/vocabulary.js';
import { addDays, maxDate, minDate, toDayNumber, type BusinessDate } from '../../../src/domain/shared/business-date.js';
import { Agenda } from '../agenda.js';
import type { CaseHistory } from '../case-history.js';
import { drawRsoCareer, drawUntil, type RsoCareer } from '../careers.js';
import { scheduleSpellEndingOn } from '../meetings.js';
import type { Rng } from '../prng.js';
import { HISTORY_END, MAPPA_START, SNAPSHOT, YEAR_START } from './calendar.js';
import { neighbour, otherCumbriaUnit } from './places.js';
import { subjectRef } from '../subjects.js';

export type RsoLifeOptions = {
  /** The Cumbria unit the case is managed in (from referral, or from its transfer in). */
  readonly unit: string;
  readonly relevantBetween: readonly [BusinessDate, BusinessDate];
  readonly referBetween: readonly [BusinessDate, BusinessDate];
  /** What the story needs of the career (e.g. still registered and released by the snapshot). */
  readonly accept?: (career: RsoCareer, referredOn: BusinessDate) => boolean;
  readonly level?: Level;
  /** Sometimes referred in another area and transferred to Cumbria before this date. */
  readonly transferInBefore?: BusinessDate;
  /** Referred in another area and transferred to Cumbria on this date. */
  readonly transferInOn?: BusinessDate;
  /** The story ends the case here (death, transfer out, its own closure): no routine event from this day on. */
  readonly endsOn?: BusinessDate;
  /** The story closes the case itself after notification lapses. */
  readonly keepOpen?: boolean;
  /** Ordinary events of a long life (earlier level-2 spells, recalls, orders, moves), kept out of the reporting year. */
  readonly noise?: boolean;
  /** Whether a late entry may be inserted behind later facts (never in a story that records a death). */
  readonly lateEntries?: boolean;
};

export type RsoLife = {
  readonly career: RsoCareer;
  readonly referredOn: BusinessDate;
  /** First day the case is managed in Cumbria. */
  readonly inCumbriaFrom: BusinessDate;
  /** In custody (or hospital) until this day, exclusive; null if in the community at referral. */
  readonly releasedOn: BusinessDate | null;
  /** The case is open until this day, exclusive (closed after its notification lapsed), or past the history. */
  readonly openUntil: BusinessDate;
  readonly agenda: Agenda;
};

const dayAfter = (d: BusinessDate) => addDays(d, 1);
const span = (from: BusinessDate, to: BusinessDate) => toDayNumber(to) - toDayNumber(from);

function referralDate(r: Rng, career: RsoCareer): BusinessDate {
  const relevant = career.basis.relevantDate;
  // Offenders registered before MAPPA began came into it as the areas set up their arrangements.
  if (relevant < MAPPA_START) return r.dateBetween(MAPPA_START, '2003-03-31');
  // Prisoners are referred some months before release; others soon after sentence or caution.
  if (career.sentence && r.chance(0.8)) return maxDate(relevant, addDays(career.sentence.releasedOn, -r.int(30, 240)));
  return addDays(relevant, r.int(0, 45));
}

/**
 * A registered sexual offender's case from referral: release from custody, the change of lead
 * agency when the licence ends, the closure after notification lapses, and (optionally) the
 * ordinary events of a long life. The story adds its own steps to the agenda and runs it.
 */
export function rsoLife(h: CaseHistory, r: Rng, options: RsoLifeOptions): RsoLife {
  const basisId = h.nextBasisId();
  const { career, referredOn } = drawUntil(
    'registered sexual offender career',
    () => {
      const career = drawRsoCareer(r, r.dateBetween(...options.relevantBetween), basisId);
      return { career, referredOn: referralDate(r, career) };
    },
    ({ career, referredOn }) =>
      referredOn >= options.referBetween[0] &&
      referredOn <= options.referBetween[1] &&
      referredOn <= HISTORY_END &&
      career.dateOfBirth >= '1920-01-01' &&
      (options.accept?.(career, referredOn) ?? true),
  );
  const { sentence, lastDay } = career;
  const inCustody = sentence !== null && referredOn < sentence.releasedOn;
  const onLicenceAtReferral = sentence?.licenceEnds !== undefined && (inCustody || referredOn <= sentence.licenceEnds);

  const transferBefore = options.transferInBefore;
  const transferIn =
    options.transferInOn ??
    (transferBefore !== undefined && span(referredOn, transferBefore) > 120 && r.chance(0.1)
      ? r.dateBetween(addDays(referredOn, 60), addDays(transferBefore, -1))
      : null);
  const from = transferIn === null ? null : neighbour(r);
  const startUnit = transferIn === null && r.chance(0.12) ? otherCumbriaUnit(r, options.unit) : options.unit;

  h.refer({
    occurredOn: referredOn,
    area: from?.area ?? 'cumbria',
    localUnit: from?.unit ?? startUnit,
    leadAgency: onLicenceAtReferral ? 'probation' : 'police',
    subject: { ref: subjectRef(r, referredOn), dateOfBirth: career.dateOfBirth },
    basis: career.basis,
    level: options.level ?? 1,
    inCustody,
  });

  // A sentence of 12 months or more also makes the offender a violent offender (category 2);
  // category 1 is reported while both apply, and the licence ends before notification does.
  const licence = career.sentence?.licenceEnds;
  if (career.basis.disposal === 'custody' && licence !== undefined && (career.basis.custodialMonths ?? 0) >= 12 && r.chance(0.3)) {
    h.addBasis(referredOn, {
      kind: 'violent-offender', basisId: h.nextBasisId(), startDate: career.basis.relevantDate, sentenceMonths: career.basis.custodialMonths!, ends: licence,
    });
  }

  const agenda = new Agenda();
  // Notification lapses: most cases are closed within weeks; a few stay open, flagged for closure.
  let openUntil = options.endsOn ?? dayAfter(HISTORY_END);
  if (!options.keepOpen && lastDay !== null && lastDay < HISTORY_END && lastDay < openUntil) {
    if (r.chance(0.4) && lastDay >= referredOn && lastDay < openUntil) agenda.at(lastDay, () => h.endBasis(lastDay, basisId, 'period-expired'));
    const closeOn = addDays(maxDate(lastDay, referredOn), r.int(1, 60));
    if (closeOn < openUntil && r.chance(0.95)) {
      openUntil = closeOn;
      agenda.at(closeOn, () => h.close(closeOn, 'no-longer-eligible'));
    }
  }

  const releasedOn = inCustody ? sentence.releasedOn : null;
  if (releasedOn !== null && releasedOn < openUntil) agenda.at(releasedOn, () => h.release(releasedOn, sentence!.licenceEnds));
  const licenceEnds = sentence?.licenceEnds;
  if (onLicenceAtReferral && licenceEnds !== undefined && dayAfter(licenceEnds) < openUntil) {
    agenda.at(dayAfter(licenceEnds), () => h.changeLead(dayAfter(licenceEnds), 'police'));
  }
  if (transferIn !== null && transferIn < openUntil) agenda.at(transferIn, () => h.transfer(transferIn, 'cumbria', options.unit));
  else if (startUnit !== options.unit) {
    const moveOn = r.dateBetween(addDays(referredOn, 1), maxDate(addDays(referredOn, 1), minDate(addDays(SNAPSHOT, -1), addDays(openUntil, -1))));
    if (moveOn < openUntil) agenda.at(moveOn, () => h.changeUnit(moveOn, options.unit));
  }

  const life: RsoLife = { career, referredOn, inCumbriaFrom: transferIn ?? referredOn, releasedOn, openUntil, agenda };
  if (options.noise) lifeNoise(h, r, life, options);
  return life;
}

/** Events of earlier and later years: none of them falls in the reporting year. */
function lifeNoise(h: CaseHistory, r: Rng, life: RsoLife, options: RsoLifeOptions): void {
  const { agenda, career, referredOn, openUntil } = life;
  const lastOpenDay = addDays(openUntil, -1);
  const inCommunityFrom = life.releasedOn ?? referredOn;
  const beforeYear = addDays(YEAR_START, -1);

  // A spell at level 2 (a MAPP meeting, reviews, then back to level 1), ended before the year.
  const spellFrom = addDays(maxDate(referredOn, '2002-01-01'), 30);
  if (r.chance(0.15) && spellFrom < '2007-06-30' && spellFrom < lastOpenDay) {
    const start = r.dateBetween(spellFrom, '2007-06-30');
    const endBy = minDate(addDays(start, 900), minDate('2008-03-25', addDays(lastOpenDay, -1)));
    if (span(start, endBy) > 90) {
      const end = r.dateBetween(addDays(start, 90), endBy);
      scheduleSpellEndingOn(agenda, h, r, { from: start, until: end, level: 2 });
    }
  }

  // Recalled to prison on licence and released again, before the year.
  const licenceEnds = career.sentence?.licenceEnds;
  let recalled: readonly [BusinessDate, BusinessDate] | null = null;
  if (life.releasedOn !== null && licenceEnds !== undefined && r.chance(0.25)) {
    const latest = minDate(addDays(licenceEnds, -30), minDate('2007-12-31', addDays(lastOpenDay, -120)));
    if (span(addDays(life.releasedOn, 60), latest) > 0) {
      const recallOn = r.dateBetween(addDays(life.releasedOn, 60), latest);
      const backOn = addDays(recallOn, r.int(28, 84));
      recalled = [recallOn, backOn];
      agenda.at(recallOn, () => h.recall(recallOn));
      agenda.at(backOn, () => h.release(backOn, licenceEnds));
    }
  }

  // Remanded on a new charge and bailed or acquitted within weeks (outside any recall); the
  // release restores the licence still running.
  const remandLatest = minDate('2007-12-31', addDays(lastOpenDay, -90));
  if (r.chance(0.06) && span(addDays(inCommunityFrom, 30), remandLatest) > 0) {
    const remandOn = r.dateBetween(addDays(inCommunityFrom, 30), remandLatest);
    const bailedOn = addDays(remandOn, r.int(2, 60));
    if (recalled === null || bailedOn < recalled[0] || remandOn > recalled[1]) {
      agenda.at(remandOn, () => h.custody(remandOn, 'remand'));
      agenda.at(bailedOn, () => h.release(bailedOn, h.licenceEnds ?? undefined));
    }
  }

  // A notification breach in another year, sometimes entered weeks after later facts.
  // The last day of notification is left out: a basis ended "period-expired" is inactive on it.
  const breachWindow = [maxDate(inCommunityFrom, career.basis.relevantDate), minDate(lastOpenDay, addDays(career.lastDay ?? HISTORY_END, -1))] as const;
  if (r.chance(0.07) && breachWindow[0] <= breachWindow[1]) {
    const on = r.dateBetween(...breachWindow);
    if (on < YEAR_START || on > SNAPSHOT) {
      const late = options.lateEntries && r.chance(0.3) ? r.int(20, 60) : undefined;
      agenda.at(on, () => h.notificationBreach(on, r.pick(['caution', 'conviction'] as const), late === undefined ? {} : { late }));
    }
  }

  // A SOPO (from May 2004) applied for and decided before the year; a few discharged later.
  const sopoFrom = maxDate(life.inCumbriaFrom, maxDate(inCommunityFrom, '2004-05-01'));
  if (r.chance(0.07) && sopoFrom < '2007-10-31' && sopoFrom < addDays(lastOpenDay, -200)) {
    const applied = r.dateBetween(sopoFrom, minDate('2007-10-31', addDays(lastOpenDay, -200)));
    const decided = minDate(addDays(applied, r.int(20, 150)), beforeYear);
    const refused = r.chance(0.2);
    const dischargeOn = addDays(SNAPSHOT, r.int(30, 150));
    let orderId = '';
    agenda.at(applied, () => (orderId = h.applyForOrder(applied)));
    agenda.at(decided, () => (refused ? h.refuseOrder(decided, orderId) : h.fullOrder(decided, orderId, r.chance(0.4) ? addDays(decided, 5 * 365) : undefined)));
    if (!refused && r.chance(0.15) && dischargeOn < openUntil && dischargeOn <= HISTORY_END) agenda.at(dischargeOn, () => h.dischargeOrder(dischargeOn, orderId));
  }

  // Moves to another part of the county and back before the snapshot, or away after it.
  const awayFrom = addDays(life.inCumbriaFrom, 30);
  if (r.chance(0.1) && awayFrom < '2007-06-30' && awayFrom < addDays(lastOpenDay, -120)) {
    const movedOn = r.dateBetween(awayFrom, minDate('2007-06-30', addDays(lastOpenDay, -120)));
    const backOn = r.dateBetween(addDays(movedOn, 90), minDate(addDays(SNAPSHOT, -1), addDays(lastOpenDay, -1)));
    agenda.at(movedOn, () => h.changeUnit(movedOn, otherCumbriaUnit(r, options.unit)));
    agenda.at(backOn, () => h.changeUnit(backOn, options.unit));
  }
  const moveOn = addDays(SNAPSHOT, r.int(20, 170));
  if (r.chance(0.04) && moveOn < openUntil && moveOn <= HISTORY_END) {
    agenda.at(moveOn, () => h.changeUnit(moveOn, otherCumbriaUnit(r, options.unit)));
  }

  // Left the jurisdiction for a while (abroad, Scotland): case closed, reopened on return, both
  // before the year and with nothing else planned in between.
  const leftFrom = addDays(inCommunityFrom, 60);
  const backBy = minDate(addDays(YEAR_START, -1), minDate(addDays(lastOpenDay, -1), addDays(career.lastDay ?? HISTORY_END, -1)));
  if (r.chance(0.05) && span(leftFrom, addDays(backBy, -150)) > 0) {
    const leftOn = r.dateBetween(leftFrom, addDays(backBy, -150));
    const returnedOn = r.dateBetween(addDays(leftOn, 120), minDate(backBy, addDays(leftOn, 900)));
    if (agenda.quietBetween(leftOn, returnedOn)) {
      agenda.at(leftOn, () => h.close(leftOn, 'left-jurisdiction'));
      agenda.at(returnedOn, () => h.reopen(returnedOn));
    }
  }
}
