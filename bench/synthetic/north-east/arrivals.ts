import { addDays, addYears, maxDate, type BusinessDate } from '../../../src/domain/shared/business-date.js';
import type { CaseHistory } from '../case-history.js';
import { drawRsoCareer, drawUntil, type RsoCareer } from '../careers.js';
import { MAPPA_START, REGISTER_START } from '../milestones.js';
import type { Rng } from '../prng.js';
import { placeElsewhere, unitIn } from './places.js';
import type { NorthEastArea } from './published.js';
import { Registrant } from './registrant.js';

/** A stretch of the history ending on a 31 March, the day its figure is counted. */
export type Period = { readonly year: string; readonly from: BusinessDate; readonly snapshot: BusinessDate };

/** The earliest conviction still notifiable on 1 September 1997 that a history draws. */
const EARLIEST_RELEVANT = '1990-01-01';

/**
 * Offenders convicted before the register began became subject to it only if still serving
 * their sentence on 1 September 1997 (Sex Offenders Act 1997 s.1(3)).
 */
const isRegistered = (c: RsoCareer) => c.basis.relevantDate >= REGISTER_START || (c.sentence !== null && c.sentence.releasedOn > REGISTER_START);

/** Prisoners are referred some months before release, others soon after sentence; those of before MAPPA came in over its first two years. */
function referralDate(r: Rng, career: RsoCareer): BusinessDate {
  const relevant = career.basis.relevantDate;
  const sentence = career.sentence;
  if (sentence !== null && sentence.releasedOn > MAPPA_START && r.chance(0.8)) {
    return maxDate(maxDate(relevant, MAPPA_START), addDays(sentence.releasedOn, -r.int(30, 240)));
  }
  if (relevant < MAPPA_START) return r.dateBetween(MAPPA_START, '2003-03-31');
  return addDays(relevant, r.int(0, 45));
}

/**
 * A registered sexual offender first referred to MAPPA in `area` during the period: convicted or
 * cautioned in the period, or earlier and referred as release nears. Whether the case counts
 * on the period's 31 March is for its story to say (it may still be in prison).
 */
export function newRegistrant(h: CaseHistory, r: Rng, area: NorthEastArea, period: Period): Registrant {
  const basisId = h.nextBasisId();
  const { career, referredOn } = drawUntil(
    `registration referred in ${period.year}`,
    () => {
      const relevant = r.chance(0.5)
        ? r.dateBetween(maxDate(REGISTER_START, addDays(period.from, -45)), period.snapshot)
        : r.dateBetween(maxDate(EARLIEST_RELEVANT, addYears(period.from, -12)), period.snapshot);
      const career = drawRsoCareer(r, relevant, basisId);
      return { career, referredOn: referralDate(r, career) };
    },
    ({ career, referredOn }) =>
      referredOn >= period.from &&
      referredOn <= period.snapshot &&
      career.dateOfBirth >= '1920-01-01' &&
      isRegistered(career) &&
      (career.lastDay === null || career.lastDay >= addDays(referredOn, 60)),
  );
  const p = new Registrant(h, r, career.dateOfBirth, { on: referredOn, place: { area, unit: unitIn(r, area) }, basis: career.basis, sentence: career.sentence });
  // A sentence of 12 months or more also makes the offender a violent offender (category 2)
  // until the licence ends, added when probation's papers come; category 1 is reported while both apply.
  const { basis } = career;
  const licence = career.sentence?.licenceEnds;
  const addedOn = addDays(referredOn, r.int(1, 30));
  if (basis.disposal === 'custody' && licence !== undefined && licence > addedOn && (basis.custodialMonths ?? 0) >= 12 && r.chance(0.3)) {
    p.plan.newBasis = {
      on: addedOn,
      basis: { kind: 'violent-offender', basisId: h.nextBasisId(), startDate: basis.relevantDate, sentenceMonths: basis.custodialMonths!, ends: licence },
      sentence: null,
    };
  }
  return p;
}

/** A registered sexual offender managed elsewhere, out of prison, who moves to `area` during the period. */
export function transferredIn(h: CaseHistory, r: Rng, area: NorthEastArea, period: Period): Registrant {
  const movedOn = r.dateBetween(addDays(period.from, 30), period.snapshot);
  const basisId = h.nextBasisId();
  const career = drawUntil(
    `registration moving in in ${period.year}`,
    () => drawRsoCareer(r, r.dateBetween(maxDate(EARLIEST_RELEVANT, addYears(movedOn, -12)), addDays(movedOn, -60)), basisId),
    (c) =>
      c.dateOfBirth >= '1920-01-01' &&
      isRegistered(c) &&
      (c.sentence === null || c.sentence.releasedOn < addDays(movedOn, -30)) &&
      (c.lastDay === null || c.lastDay >= addDays(period.snapshot, 30)),
  );
  const inCommunityFrom = maxDate(career.sentence?.releasedOn ?? career.basis.relevantDate, career.basis.relevantDate);
  const referredOn = r.dateBetween(maxDate(inCommunityFrom, maxDate(MAPPA_START, addDays(movedOn, -1500))), addDays(movedOn, -1));
  const p = new Registrant(h, r, career.dateOfBirth, { on: referredOn, place: placeElsewhere(r), basis: career.basis, sentence: career.sentence });
  p.moveTo(movedOn, { area, unit: unitIn(r, area) });
  p.now = movedOn;
  return p;
}
