import type { Level } from '../../../src/domain/case/vocabulary.js';
import { addDays, maxDate, minDate, toDayNumber, type BusinessDate } from '../../../src/domain/shared/business-date.js';
import { Agenda } from '../agenda.js';
import type { CaseHistory } from '../case-history.js';
import { drawUntil, drawViolentCareer, type ViolentCareer } from '../careers.js';
import { scheduleSpellEndingOn } from '../meetings.js';
import type { Rng } from '../prng.js';
import { subjectRef } from '../subjects.js';
import { HISTORY_END, MAPPA_START, YEAR_START } from './calendar.js';
import { neighbour, otherCumbriaUnit } from './places.js';

export type ViolentLifeOptions = {
  readonly unit: string;
  readonly startBetween: readonly [BusinessDate, BusinessDate];
  readonly referBetween: readonly [BusinessDate, BusinessDate];
  readonly accept?: (career: ViolentCareer, referredOn: BusinessDate) => boolean;
  readonly level?: Level;
  /** The story ends the case here: no routine event from this day on. */
  readonly endsOn?: BusinessDate;
  /** The story closes the case itself when the licence ends. */
  readonly keepOpen?: boolean;
  /** Sometimes referred in another area and transferred to Cumbria before this date. */
  readonly transferInBefore?: BusinessDate;
  /** Earlier level-2 spells and recalls, kept out of the reporting year. */
  readonly noise?: boolean;
};

export type ViolentLife = {
  readonly career: ViolentCareer;
  readonly referredOn: BusinessDate;
  readonly releasedOn: BusinessDate | null;
  readonly openUntil: BusinessDate;
  readonly agenda: Agenda;
};

const span = (from: BusinessDate, to: BusinessDate) => toDayNumber(to) - toDayNumber(from);

/**
 * A violent offender's case (category 2): referred from prison some months before release,
 * released on licence, eligible until the licence ends, then closed. Hospital orders have no
 * end date: those patients stay eligible after their discharge.
 */
export function violentLife(h: CaseHistory, r: Rng, options: ViolentLifeOptions): ViolentLife {
  const basisId = h.nextBasisId();
  const { career, referredOn } = drawUntil(
    'violent offender career',
    () => {
      const career = drawViolentCareer(r, r.dateBetween(...options.startBetween), basisId);
      const releasedOn = career.sentence.releasedOn;
      const referredOn = maxDate(career.basis.startDate, r.chance(0.85) ? addDays(releasedOn, -r.int(60, 240)) : addDays(releasedOn, r.int(0, 30)));
      return { career, referredOn: maxDate(referredOn, MAPPA_START) };
    },
    ({ career, referredOn }) =>
      referredOn >= options.referBetween[0] && referredOn <= options.referBetween[1] && (options.accept?.(career, referredOn) ?? true),
  );
  const { sentence, basis } = career;
  const inCustody = referredOn < sentence.releasedOn;
  const transferIn =
    options.transferInBefore !== undefined && span(referredOn, options.transferInBefore) > 120 && r.chance(0.1)
      ? r.dateBetween(addDays(referredOn, 60), addDays(options.transferInBefore, -1))
      : null;
  const from = transferIn === null ? null : neighbour(r);

  h.refer({
    occurredOn: referredOn,
    area: from?.area ?? 'cumbria',
    localUnit: from?.unit ?? options.unit,
    leadAgency: sentence.hospital ? 'health' : 'probation',
    subject: { ref: subjectRef(r, referredOn), dateOfBirth: career.dateOfBirth },
    basis,
    level: options.level ?? 1,
    inCustody,
  });

  const agenda = new Agenda();
  let openUntil = options.endsOn ?? addDays(HISTORY_END, 1);
  const ends = basis.ends;
  if (!options.keepOpen && ends !== undefined && ends < HISTORY_END && ends < openUntil) {
    if (r.chance(0.5) && ends >= referredOn) agenda.at(ends, () => h.endBasis(ends, basisId, 'licence-expired'));
    const closeOn = addDays(maxDate(ends, referredOn), r.int(1, 45));
    if (closeOn < openUntil) {
      openUntil = closeOn;
      agenda.at(closeOn, () => h.close(closeOn, 'no-longer-eligible'));
    }
  }
  const releasedOn = inCustody ? sentence.releasedOn : null;
  if (releasedOn !== null && releasedOn < openUntil) agenda.at(releasedOn, () => h.release(releasedOn, sentence.licenceEnds));
  if (transferIn !== null && transferIn < openUntil) agenda.at(transferIn, () => h.transfer(transferIn, 'cumbria', options.unit));

  // Moves within the county (the unit does not matter to category 2 counts); a story that
  // closes the case itself does so once the licence has ended.
  const movesUntil = options.keepOpen && ends !== undefined ? minDate(ends, openUntil) : openUntil;
  for (let on = addDays(referredOn, r.int(200, 1500)); on < movesUntil && r.chance(0.3); on = addDays(on, r.int(200, 1500))) {
    const movedOn = on;
    if (transferIn === null || movedOn > transferIn) agenda.at(movedOn, () => h.changeUnit(movedOn, otherCumbriaUnit(r, options.unit)));
  }

  const life: ViolentLife = { career, referredOn, releasedOn, openUntil, agenda };
  if (options.noise) violentNoise(h, r, life);
  return life;
}

/** A level-2 spell and a recall in earlier years: none of it in the reporting year. */
function violentNoise(h: CaseHistory, r: Rng, life: ViolentLife): void {
  const { agenda, referredOn, openUntil } = life;
  const lastOpenDay = addDays(openUntil, -1);
  const spellFrom = addDays(maxDate(referredOn, '2002-01-01'), 20);
  if (r.chance(0.2) && spellFrom < '2007-06-30') {
    const start = r.dateBetween(spellFrom, '2007-06-30');
    const endBy = minDate(addDays(start, 700), minDate('2008-03-25', addDays(lastOpenDay, -1)));
    if (span(start, endBy) > 90) scheduleSpellEndingOn(agenda, h, r, { from: start, until: r.dateBetween(addDays(start, 90), endBy), level: 2 });
  }
  const licenceEnds = life.career.sentence.licenceEnds;
  if (life.releasedOn !== null && licenceEnds !== undefined && r.chance(0.25)) {
    const latest = minDate(addDays(licenceEnds, -30), minDate('2007-12-31', addDays(lastOpenDay, -120)));
    if (span(addDays(life.releasedOn, 30), latest) > 0) {
      const recallOn = r.dateBetween(addDays(life.releasedOn, 30), latest);
      const backOn = minDate(minDate(addDays(YEAR_START, -1), addDays(licenceEnds, -1)), addDays(recallOn, r.int(28, 120)));
      agenda.at(recallOn, () => h.recall(recallOn));
      agenda.at(backOn, () => h.release(backOn, licenceEnds));
      return;
    }
  }
  // Otherwise perhaps remanded on a new charge and bailed within weeks, licence still running.
  const inCommunityFrom = life.releasedOn ?? referredOn;
  const remandLatest = minDate('2007-12-31', addDays(lastOpenDay, -90));
  if (r.chance(0.08) && span(addDays(inCommunityFrom, 30), remandLatest) > 0) {
    const remandOn = r.dateBetween(addDays(inCommunityFrom, 30), remandLatest);
    const bailedOn = addDays(remandOn, r.int(2, 60));
    agenda.at(remandOn, () => h.custody(remandOn, 'remand'));
    agenda.at(bailedOn, () => h.release(bailedOn, h.licenceEnds ?? undefined));
  }
}
