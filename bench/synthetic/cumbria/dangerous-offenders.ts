import { addDays, type BusinessDate } from '../../../src/domain/shared/business-date.js';
import { Agenda } from '../agenda.js';
import type { CaseHistory } from '../case-history.js';
import { scheduleMeetings } from '../meetings.js';
import type { Rng } from '../prng.js';
import { subjectRef } from '../subjects.js';
import { HISTORY_END } from './calendar.js';
import { CUMBRIA_UNITS, neighbour } from './places.js';

/**
 * Other dangerous offenders (category 3): no conviction that makes them eligible, but a risk of
 * serious harm that needs MAPP meetings, so they are referred straight to level 2 and leave
 * MAPPA when the risk is judged reduced. Each comment says what the story adds to 2008-09.
 */

const PAST_HISTORY = addDays(HISTORY_END, 1);

/** Referred at level 2 with the first MAPP meeting the same day; reviews follow until `until`. */
function referAtLevel2(h: CaseHistory, r: Rng, referBetween: readonly [BusinessDate, BusinessDate], until: BusinessDate): { agenda: Agenda; referredOn: BusinessDate; basisId: string } {
  const referredOn = r.dateBetween(...referBetween);
  const basisId = h.nextBasisId();
  h.refer({
    occurredOn: referredOn,
    area: 'cumbria',
    localUnit: r.pick(CUMBRIA_UNITS),
    leadAgency: r.pick(['probation', 'police', 'health'] as const),
    subject: { ref: subjectRef(r, referredOn), dateOfBirth: addDays(referredOn, -r.int(20 * 365, 60 * 365)) },
    basis: { kind: 'other-dangerous-offender', basisId, startDate: addDays(referredOn, -r.int(0, 30)) },
    level: 2,
  });
  const agenda = new Agenda();
  scheduleMeetings(agenda, h, r, { from: referredOn, until, level: 2 });
  return { agenda, referredOn, basisId };
}

/** R01 cat3 and R02 cat3: at level 2 and in the community on 31 March. */
export function dangerousAtLevel2(h: CaseHistory, r: Rng): void {
  referAtLevel2(h, r, ['2006-06-01', '2009-01-31'], PAST_HISTORY).agenda.run();
}

type LeavesInYear = 'risk-reduced' | 'remanded' | 'transferred-out' | 'died' | 'left-jurisdiction';

/**
 * R02 cat3, not R01: at level 2 in the year, then no longer eligible in the community in Cumbria
 * on 31 March: risk reduced (basis ended, case closed), remanded in custody, transferred to
 * another area, died, or left the jurisdiction (case closed).
 */
export function dangerousLeavesInYear(h: CaseHistory, r: Rng, p: { how: LeavesInYear }): void {
  const leavesOn = r.dateBetween('2008-05-01', '2009-03-15');
  const stays = p.how === 'remanded' || p.how === 'transferred-out';
  const { agenda, basisId } = referAtLevel2(h, r, ['2005-01-01', '2008-03-31'], stays ? PAST_HISTORY : leavesOn);
  agenda.at(leavesOn, () => {
    switch (p.how) {
      case 'risk-reduced':
        h.meeting(leavesOn, 2, 'review');
        h.endBasis(leavesOn, basisId, 'risk-reduced');
        h.close(leavesOn, 'risk-reduced');
        return;
      case 'remanded':
        h.custody(leavesOn, 'remand');
        return;
      case 'transferred-out': {
        const to = neighbour(r);
        h.transfer(leavesOn, to.area, to.unit);
        return;
      }
      case 'died':
        h.death(leavesOn);
        return;
      case 'left-jurisdiction':
        h.close(leavesOn, 'left-jurisdiction');
        return;
    }
  });
  agenda.run();
}

/** Not in the year's figures: risk reduced and case closed before the year. */
export function dangerousClosedBeforeYear(h: CaseHistory, r: Rng): void {
  const closedOn = r.dateBetween('2003-01-01', '2008-02-28');
  const { agenda, basisId } = referAtLevel2(h, r, ['2001-06-01', addDays(closedOn, -150)], closedOn);
  agenda.at(closedOn, () => {
    h.endBasis(closedOn, basisId, 'risk-reduced');
    h.close(closedOn, 'risk-reduced');
  });
  agenda.run();
}

/** Not in the year's return: referred after 31 March 2009. */
export function dangerousReferredAfterYear(h: CaseHistory, r: Rng): void {
  referAtLevel2(h, r, ['2009-04-01', '2009-09-15'], PAST_HISTORY).agenda.run();
}
