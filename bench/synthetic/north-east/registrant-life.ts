import type { EligibilityBasis } from '../../../src/domain/case/basis.js';
import { addDays, maxDate, type BusinessDate } from '../../../src/domain/shared/business-date.js';
import { determinate } from '../careers.js';
import type { Rng } from '../prng.js';
import { isNorthEast, otherUnitIn, placeElsewhere, placeInRegion } from './places.js';
import type { Registrant } from './registrant.js';

/**
 * How often things happen to a registered sexual offender in the community, per year. Loosely
 * after published rates (recall of those on licence, further convictions, moves); the
 * figures the demo reproduces do not depend on them, only how much else goes on.
 */
const PER_YEAR = {
  remand: 0.03,
  sentence: 0.012,
  recallOnLicence: 0.25,
  move: 0.03,
  /** Of moves, the share to another of the three North East areas. */
  moveInRegion: 0.45,
  leaveJurisdiction: 0.004,
  notificationBreach: 0.04,
  unitChange: 0.04,
  levelTwoSpell: 0.04,
  /** Once a review of indefinite notification may be asked for. */
  revokedOnReview: 0.1,
} as const;

/** Deaths rise with age (a Gompertz curve near the population's). */
function mortality(age: number): number {
  return Math.min(0.5, Math.exp(-10.4 + 0.092 * age));
}

/** The day an event happening `perYear` times a year (memoryless) next happens after `t`. */
function after(r: Rng, t: BusinessDate, perYear: number): BusinessDate {
  // Capped at a century: far past any history, and still a four-digit year.
  return addDays(t, Math.min(36_500, Math.max(1, Math.ceil((-Math.log(1 - r.next()) * 365) / perYear))));
}

type Step = { readonly on: BusinessDate; readonly run: () => void };

/**
 * Tells the case's story up to the end of `until`: at each step the events the case allows
 * (a release when served, a closure when notification has lapsed, a review when due, and
 * risks such as remand, recall, moves or death at yearly rates) compete, and the earliest
 * happens. Nothing it adds falls on or before a day already told, so a figure counted on a
 * past 31 March stays as it was. `movesInRegion: false` keeps a new case in its area for now.
 */
export function liveUntil(p: Registrant, until: BusinessDate, options: { readonly movesInRegion: boolean } = { movesInRegion: true }): void {
  while (!p.gone) {
    const step = nextStep(p, options.movesInRegion);
    if (step === null || step.on > until) break;
    step.run();
    p.now = step.on;
  }
  p.now = maxDate(p.now, until);
  p.toldThrough = p.now;
}

function nextStep(p: Registrant, movesInRegion: boolean): Step | null {
  const { r, now: t, plan } = p;
  let best: Step | null = null;
  const offer = (on: BusinessDate, run: () => void) => {
    // Plans are made for days not yet told; a date behind `t` would rewrite a counted day.
    if (on < t || on <= p.toldThrough) throw new Error(`${p.h.caseId}: a step planned for ${on}, told through ${p.toldThrough}, at ${t}`);
    if (best === null || on < best.on) best = { on, run };
  };
  // A planned step held up (abroad, say) happens on the first day it can.
  const due = (on: BusinessDate) => maxDate(maxDate(on, t), addDays(p.toldThrough, 1));
  const hazard = (perYear: number, run: (on: BusinessDate) => void, from = t) => {
    const on = after(r, from, perYear);
    offer(on, () => run(on));
  };

  if (!p.open) {
    const back = plan.reopenOn;
    if (back !== null) offer(back, () => returned(p, back));
    return best;
  }
  if (p.custody) {
    const out = p.custody.until;
    offer(out, () => p.release(out));
  }
  if (!plan.lapsed) {
    const last = p.eligibleThrough();
    // A case reopened on its last eligible day lapses the next: too late to record the end that day.
    if (last !== null) {
      const on = due(last);
      offer(on, () => lapsed(p, last, on));
    }
  }
  if (plan.closeOn !== null) {
    const on = plan.closeOn;
    offer(on, () => closeAfterLapse(p, on));
  }
  const spell = plan.spell;
  if (spell !== null) {
    const decided = spell.steppedDownBy;
    if (decided !== null) {
      // The level changes from the day after the review that decided it.
      const on = addDays(spell.until, 1);
      offer(on, () => {
        plan.spell = null;
        p.stepDown(on, decided);
      });
    } else if (spell.nextReview < spell.until) offer(spell.nextReview, () => review(p, spell));
    else offer(spell.until, () => (spell.steppedDownBy = p.meeting(spell.until, spell.level, 'review')));
  }
  const { handover, newBasis } = plan;
  if (handover !== null) {
    const on = due(handover.on);
    offer(on, () => {
      plan.handover = null;
      if (p.lead !== handover.to) p.changeLead(on, handover.to);
    });
  } else if (p.lead === 'probation' && p.custody === null && p.licenceEnds !== null) {
    // The police take the lead when the licence ends (or on return, if it ended while abroad).
    const on = due(addDays(p.licenceEnds, 1));
    offer(on, () => p.changeLead(on, 'police'));
  }
  if (newBasis !== null) {
    const on = due(newBasis.on);
    offer(on, () => {
      plan.newBasis = null;
      p.addBasis(on, newBasis.basis, newBasis.sentence);
    });
  }
  hazard(mortality(p.ageOn(t)), (on) => p.die(on));
  if (p.custody !== null) return best;

  hazard(PER_YEAR.remand, (on) => p.takeIntoCustody(on, 'remand', addDays(on, r.weighted([[r.int(2, 14), 60], [r.int(15, 120), 40]]))));
  hazard(PER_YEAR.sentence, (on) => sentenced(p, on));
  const licence = p.licenceEnds;
  if (licence !== null) {
    hazard(PER_YEAR.recallOnLicence, (on) => {
      if (on <= licence) p.recall(on, addDays(on, r.int(28, 400)));
    });
  }
  const area = p.area;
  if (isNorthEast(area)) {
    hazard(movesInRegion ? PER_YEAR.move : PER_YEAR.move * (1 - PER_YEAR.moveInRegion), (on) => {
      p.moveTo(on, movesInRegion && r.chance(PER_YEAR.moveInRegion) ? placeInRegion(r, area) : placeElsewhere(r));
    });
    hazard(PER_YEAR.unitChange, (on) => {
      const unit = otherUnitIn(r, area, p.unit);
      if (unit !== null) p.changeUnit(on, unit);
    });
  }
  if (p.level === 1) hazard(PER_YEAR.leaveJurisdiction, (on) => leaveJurisdiction(p, on));
  hazard(PER_YEAR.notificationBreach, (on) => {
    if (p.isNotifyingOn(on)) p.breach(on);
  });
  if (p.level === 1 && spell === null) {
    hazard(PER_YEAR.levelTwoSpell, (on) => {
      if (p.isNotifyingOn(on)) startSpell(p, on);
    });
  }
  for (const basis of p.reviewable()) {
    hazard(PER_YEAR.revokedOnReview, (on) => revoked(p, on, basis.basisId), maxDate(t, basis.reviewFrom!));
  }
  return best;
}

/** Notification (and any other basis) has run out: sometimes recorded that day; the case is closed within weeks, a few much later. */
function lapsed(p: Registrant, last: BusinessDate, on: BusinessDate): void {
  if (on === last) for (const b of p.endableOn(last, last)) if (p.r.chance(0.4)) p.endBasis(last, b.basisId, 'period-expired');
  p.plan.lapsed = true;
  // A conviction the police are about to record keeps the case open.
  if (p.plan.newBasis !== null) return;
  p.plan.closeOn = addDays(on, p.r.chance(0.95) ? p.r.int(1, 60) : p.r.int(61, 400));
}

function closeAfterLapse(p: Registrant, on: BusinessDate): void {
  p.plan.closeOn = null;
  if (p.isEligibleOn(on) || p.plan.newBasis !== null) {
    p.plan.lapsed = false;
    return;
  }
  p.close(on, 'no-longer-eligible');
  p.gone = true;
}

/** Indefinite notification ended on review; if nothing else keeps the case eligible, it is closed. */
function revoked(p: Registrant, on: BusinessDate, basisId: string): void {
  p.endBasis(on, basisId, 'revoked-on-review');
  const last = p.eligibleThrough();
  if (last !== null && last < on) {
    p.plan.lapsed = true;
    p.plan.closeOn = addDays(on, p.r.int(1, 60));
  }
}

/**
 * Convicted again and sent to prison: a sexual offence starts a new notification period, other
 * violence a category-2 basis, recorded when the police hear of it (within days), or at once
 * when `basisAt` says so.
 */
export function sentenced(
  p: Registrant,
  on: BusinessDate,
  options: { readonly months?: number; readonly basisAt?: 'once-heard' | 'sentence' } = {},
): void {
  const r = p.r;
  const months = options.months ?? r.weighted([[r.int(3, 11), 30], [r.int(12, 36), 45], [r.int(37, 96), 25]]);
  const sentence = determinate(on, months);
  p.takeIntoCustody(on, 'sentence', sentence.releasedOn, sentence.licenceEnds ?? null);
  const basis: EligibilityBasis | null = r.chance(0.45)
    ? { kind: 'registered-sexual-offender', basisId: p.h.nextBasisId(), relevantDate: on, disposal: 'custody', custodialMonths: months }
    : months >= 12
      ? { kind: 'violent-offender', basisId: p.h.nextBasisId(), startDate: on, sentenceMonths: months, ends: sentence.licenceEnds! }
      : null;
  if (basis === null) return;
  if (options.basisAt === 'sentence') p.addBasis(on, basis, sentence);
  else p.plan.newBasis = { on: addDays(on, r.int(1, 10)), basis, sentence };
}

/** Abroad or in Scotland for a while: the case is closed, and reopened on return if still eligible. */
export function leaveJurisdiction(p: Registrant, on: BusinessDate, earliestReturn?: BusinessDate): void {
  p.close(on, 'left-jurisdiction');
  if (p.r.chance(0.6)) p.plan.reopenOn = maxDate(addDays(on, p.r.int(200, 1500)), earliestReturn ?? on);
  else p.gone = true;
}

function returned(p: Registrant, on: BusinessDate): void {
  p.plan.reopenOn = null;
  if (p.isEligibleOn(on)) p.reopen(on);
  else p.gone = true;
}

/** Managed through MAPP meetings for some months (reviews every 10 to 16 weeks), then back to level 1. */
function startSpell(p: Registrant, on: BusinessDate): void {
  const level = p.r.chance(0.1) ? 3 : 2;
  p.meeting(on, level, level === 3 ? 'emergency' : 'initial');
  p.plan.spell = { level, until: addDays(on, p.r.int(120, 540)), nextReview: addDays(on, p.r.int(70, 112)), steppedDownBy: null };
}

function review(p: Registrant, spell: NonNullable<Registrant['plan']['spell']>): void {
  p.meeting(spell.nextReview, spell.level, 'review');
  spell.nextReview = addDays(spell.nextReview, p.r.int(70, 112));
}
