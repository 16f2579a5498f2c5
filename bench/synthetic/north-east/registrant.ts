import type { EligibilityBasis } from '../../../src/domain/case/basis.js';
import { notificationLastDay } from '../../../src/domain/rules/notification-period.js';
import type { Agency } from '../../../src/domain/shared/agencies.js';
import type { AreaCode } from '../../../src/domain/shared/areas.js';
import { addDays, addYears, maxDate, type BusinessDate } from '../../../src/domain/shared/business-date.js';
import type { CaseHistory } from '../case-history.js';
import type { Sentence } from '../careers.js';
import { INDEFINITE_REVIEWS_FROM } from '../milestones.js';
import type { Rng } from '../prng.js';
import { subjectRef } from '../subjects.js';
import { isNorthEast, type Place } from './places.js';

/** A basis as far as the story needs it: when it is active, and when its holder may ask for a review. */
type BasisSpan = {
  readonly basisId: string;
  readonly category: 1 | 2;
  readonly start: BusinessDate;
  /** Null: no end (indefinite notification). */
  readonly lastDay: BusinessDate | null;
  endedOn: BusinessDate | null;
  /** For indefinite notification: first day a review could end it. */
  readonly reviewFrom: BusinessDate | null;
};

const isActiveOn = (b: BasisSpan, day: BusinessDate) => b.start <= day && (b.lastDay === null || day <= b.lastDay) && (b.endedOn === null || day < b.endedOn);

/**
 * One registered sexual offender's case as the story knows it, written through a CaseHistory:
 * each doing records its command and keeps the few facts the story reads (custody, licence,
 * bases, area). The engine decides and counts; this only needs to agree with it on whether
 * the case is counted on a day, which the demo's test checks against the engine's returns.
 */
export class Registrant {
  readonly bases: BasisSpan[] = [];
  area: AreaCode;
  unit: string;
  lead: Agency;
  /** In custody or hospital until this day (the release), with the licence to follow. */
  custody: { readonly until: BusinessDate; readonly licenceEnds: BusinessDate | null } | null = null;
  licenceEnds: BusinessDate | null = null;
  open = true;
  deceased = false;
  /** Out of the story: dead, closed for good, or managed outside the region. */
  gone = false;
  level: 1 | 2 | 3 = 1;
  /**
   * What the story has planned: a closure after notification lapsed, a return to the
   * jurisdiction, a spell at level 2 or 3, the lead passing after a release, a new basis
   * once the police hear of a conviction.
   */
  readonly plan: {
    lapsed: boolean;
    closeOn: BusinessDate | null;
    reopenOn: BusinessDate | null;
    spell: { readonly level: 2 | 3; readonly until: BusinessDate; nextReview: BusinessDate; steppedDownBy: string | null } | null;
    handover: { readonly on: BusinessDate; readonly to: Agency } | null;
    newBasis: { readonly on: BusinessDate; readonly basis: EligibilityBasis; readonly sentence: Sentence | null } | null;
  } = { lapsed: false, closeOn: null, reopenOn: null, spell: null, handover: null, newBasis: null };
  /** The day of the story's last step (or the last day told): steps to come are on or after it. */
  now: BusinessDate;
  /** The story is told to the end of this day (a 31 March counted): nothing is added on or before it. */
  toldThrough: BusinessDate = '0000-00-00';

  constructor(
    readonly h: CaseHistory,
    readonly r: Rng,
    readonly dateOfBirth: BusinessDate,
    referral: { readonly on: BusinessDate; readonly place: Place; readonly basis: EligibilityBasis & { kind: 'registered-sexual-offender' }; readonly sentence: Sentence | null },
  ) {
    const { on, place, basis, sentence } = referral;
    const inCustody = sentence !== null && on < sentence.releasedOn;
    this.area = place.area;
    this.unit = place.unit;
    this.lead = !inCustody ? 'police' : sentence.hospital ? 'health' : 'probation';
    this.now = on;
    h.refer({
      occurredOn: on, area: place.area, localUnit: place.unit, leadAgency: this.lead,
      subject: { ref: subjectRef(r, on), dateOfBirth }, basis, level: 1, inCustody,
    });
    this.#track(basis, sentence);
    if (inCustody) this.custody = { until: sentence.releasedOn, licenceEnds: sentence.licenceEnds ?? null };
  }

  /** Counted in `area`'s registered sexual offenders on `day`: open, alive, notifying, in the community. */
  countsOn(day: BusinessDate, area: AreaCode): boolean {
    return this.area === area && this.open && !this.deceased && this.custody === null && this.isNotifyingOn(day);
  }

  isNotifyingOn(day: BusinessDate): boolean {
    return this.bases.some((b) => b.category === 1 && isActiveOn(b, day));
  }

  isEligibleOn(day: BusinessDate): boolean {
    return this.bases.some((b) => isActiveOn(b, day));
  }

  /** The last day some basis is active; null while one has no end. */
  eligibleThrough(): BusinessDate | null {
    let last = '';
    for (const b of this.bases) {
      const end = b.endedOn !== null ? addDays(b.endedOn, -1) : b.lastDay;
      if (end === null) return null;
      if (end > last) last = end;
    }
    return last;
  }

  /** Indefinite notification that a review could end from `reviewFrom`. */
  reviewable(): BasisSpan[] {
    return this.bases.filter((b) => b.category === 1 && b.lastDay === null && b.endedOn === null && b.reviewFrom !== null);
  }

  endableOn(day: BusinessDate, lastDay: BusinessDate): BasisSpan[] {
    return this.bases.filter((b) => b.category === 1 && b.lastDay === lastDay && isActiveOn(b, day));
  }

  #track(basis: EligibilityBasis, sentence: Sentence | null): void {
    if (basis.kind === 'registered-sexual-offender') {
      const lastDay = notificationLastDay(basis, this.dateOfBirth);
      const notifiedFrom = maxDate(basis.relevantDate, sentence?.releasedOn ?? basis.relevantDate);
      const juvenile = addYears(this.dateOfBirth, 18) > basis.relevantDate;
      const reviewFrom = lastDay === null ? maxDate(INDEFINITE_REVIEWS_FROM, addYears(notifiedFrom, juvenile ? 8 : 15)) : null;
      this.bases.push({ basisId: basis.basisId, category: 1, start: basis.relevantDate, lastDay, endedOn: null, reviewFrom });
    } else if (basis.kind === 'violent-offender') {
      this.bases.push({ basisId: basis.basisId, category: 2, start: basis.startDate, lastDay: basis.ends ?? null, endedOn: null, reviewFrom: null });
    } else {
      throw new Error(`${this.h.caseId}: the North East story has no ${basis.kind} basis`);
    }
  }

  /** A new basis starts eligibility again: any closure planned after a lapse is off. */
  addBasis(on: BusinessDate, basis: EligibilityBasis, sentence: Sentence | null = null): void {
    this.h.addBasis(on, basis);
    this.#track(basis, sentence);
    this.plan.lapsed = false;
    this.plan.closeOn = null;
  }

  endBasis(on: BusinessDate, basisId: string, reason: 'period-expired' | 'revoked-on-review'): void {
    this.h.endBasis(on, basisId, reason);
    const basis = this.bases.find((b) => b.basisId === basisId)!;
    basis.endedOn = on;
  }

  /** Until the release; a remand keeps the licence running, a sentence brings its own. */
  takeIntoCustody(on: BusinessDate, reason: 'remand' | 'sentence', until: BusinessDate, licenceEnds = this.licenceEnds): void {
    this.h.custody(on, reason);
    this.custody = { until, licenceEnds };
  }

  /** Recalled until `until` at the latest, and no later than the day after the licence ends. */
  recall(on: BusinessDate, until: BusinessDate): void {
    const licenceEnds = this.licenceEnds!;
    this.h.recall(on);
    this.custody = { until: until <= licenceEnds ? until : addDays(licenceEnds, 1), licenceEnds };
  }

  /** Probation leads while a licence runs, the police otherwise; the handover is recorded within a fortnight. */
  release(on: BusinessDate): void {
    const licenceEnds = this.custody?.licenceEnds ?? null;
    this.custody = null;
    this.licenceEnds = licenceEnds !== null && licenceEnds > on ? licenceEnds : null;
    this.h.release(on, this.licenceEnds ?? undefined);
    const lead = this.licenceEnds === null ? 'police' : 'probation';
    this.plan.handover = lead === this.lead ? null : { on: addDays(on, this.r.int(1, 14)), to: lead };
  }

  changeLead(on: BusinessDate, lead: Agency): void {
    this.h.changeLead(on, lead);
    this.lead = lead;
  }

  moveTo(on: BusinessDate, place: Place): void {
    this.h.transfer(on, place.area, place.unit);
    this.area = place.area;
    this.unit = place.unit;
    if (!isNorthEast(place.area)) this.gone = true;
  }

  changeUnit(on: BusinessDate, unit: string): void {
    this.h.changeUnit(on, unit);
    this.unit = unit;
  }

  close(on: BusinessDate, reason: 'no-longer-eligible' | 'left-jurisdiction'): void {
    this.h.close(on, reason);
    this.open = false;
  }

  reopen(on: BusinessDate): void {
    this.h.reopen(on);
    this.open = true;
  }

  die(on: BusinessDate): void {
    this.h.death(on);
    this.deceased = true;
    this.open = false;
    this.gone = true;
  }

  /** Returns the meeting's id. */
  meeting(on: BusinessDate, level: 2 | 3, kind: 'initial' | 'review' | 'emergency'): string {
    const meetingId = this.h.meeting(on, level, kind);
    this.level = level;
    return meetingId;
  }

  /** Back to level 1, as decided at meeting `meetingId`. */
  stepDown(on: BusinessDate, meetingId: string): void {
    this.h.setLevel(on, 1, meetingId);
    this.level = 1;
  }

  breach(on: BusinessDate): void {
    this.h.notificationBreach(on, this.r.pick(['caution', 'conviction'] as const));
  }

  ageOn(day: BusinessDate): number {
    return Number(day.slice(0, 4)) - Number(this.dateOfBirth.slice(0, 4));
  }
}
