import type { EligibilityBasis } from '../../../src/domain/case/basis.js';
import type { CaseCommand } from '../../../src/domain/case/commands.js';
import { isBasisActiveOn, isOnLicenceOn, isOrderInForceOn, reportedCategoryOn, type Case } from '../../../src/domain/case/state.js';
import type { OrderType } from '../../../src/domain/case/vocabulary.js';
import { isOrderTypeAvailable } from '../../../src/domain/rules/civil-orders.js';
import { addDays, addMonths, maxDate, toDayNumber, type BusinessDate } from '../../../src/domain/shared/business-date.js';
import type { AreaCode } from '../../../src/domain/shared/areas.js';
import { drawRsoCareer, drawUntil, drawViolentCareer, type Sentence } from '../careers.js';
import type { Rng } from '../prng.js';
import { subjectRef } from '../subjects.js';
import { drawArea, unitsOf } from './areas.js';
import type { CaseSimulation } from './case-simulation.js';

export const NATIONAL_START = '2001-04-02';

type Planned = { readonly on: BusinessDate; readonly run: () => void };
/** A decision waiting on a court; held up (by a closure) it happens on the first day it can. */
type Pending = { readonly on: BusinessDate; readonly run: (on: BusinessDate) => void };

const AGENCIES = ['prison', 'health', 'housing', 'children-services', 'adult-services', 'youth-justice', 'other'] as const;
const LEADS = ['police', 'probation', 'prison', 'health'] as const;

/**
 * One offender's MAPPA case across England and Wales from referral to the end of the history,
 * simulated forwards: at each step the events that the case's state allows (a review when due,
 * a release when served, a lapse when notification ends, and risks such as recall, breach,
 * escalation, moves or death at yearly rates) compete, and the earliest happens. Choices read
 * the case as the domain folds it, so every command is valid by construction; the decider
 * checks each one all the same.
 */
export function simulateNationalCase(sim: CaseSimulation, r: Rng, end: BusinessDate): void {
  const life = new NationalLife(sim, r, end);
  life.refer();
  life.run();
  sim.finish();
}

class NationalLife {
  #release: { on: BusinessDate; licenceEnds?: BusinessDate | undefined } | null = null;
  readonly #orderSteps = new Map<string, Pending>();
  #outcome: Planned | null = null;
  #reopen: Planned | null = null;
  #closure: BusinessDate | null = null;
  #ids = { basis: 0, meeting: 0, order: 0, charge: 0 };
  #dateOfBirth = '';
  #dangerous = false;
  readonly #recordEnd = new Map<string, boolean>();

  constructor(
    private readonly sim: CaseSimulation,
    private readonly r: Rng,
    private readonly end: BusinessDate,
  ) {}

  get c(): Case {
    return this.sim.state;
  }

  #issue(command: CaseCommand): void {
    this.sim.issue(command);
  }

  refer(): void {
    const r = this.r;
    const span = toDayNumber(this.end) - toDayNumber(NATIONAL_START) - 120;
    // The caseload grew through the period: later referrals are more likely.
    const referredOn = addDays(NATIONAL_START, Math.floor(span * Math.sqrt(r.next())));
    const area = drawArea(r);
    const kind = r.weighted([['rso', 60], ['violent', 35], ['dangerous', 5]] as const);
    const basisId = this.#nextBasis();
    let basis: EligibilityBasis;
    let sentence: Sentence | null = null;
    if (kind === 'rso') {
      const career = drawUntil(
        'registered offender',
        () => drawRsoCareer(r, addDays(referredOn, -r.int(0, 4 * 365)), basisId),
        (c) => c.basis.relevantDate <= referredOn && (c.lastDay === null || c.lastDay > addDays(referredOn, 180)),
      );
      basis = career.basis;
      sentence = career.sentence;
      this.#dateOfBirth = career.dateOfBirth;
    } else if (kind === 'violent') {
      const career = drawUntil(
        'violent offender',
        () => drawViolentCareer(r, addDays(referredOn, -r.int(0, 3 * 365)), basisId),
        (c) => c.basis.ends === undefined || c.basis.ends > addDays(referredOn, 90),
      );
      basis = career.basis;
      sentence = career.sentence;
      this.#dateOfBirth = career.dateOfBirth;
    } else {
      this.#dangerous = true;
      basis = { kind: 'other-dangerous-offender', basisId, startDate: addDays(referredOn, -r.int(0, 30)) };
      this.#dateOfBirth = addDays(referredOn, -r.int(20 * 365, 60 * 365));
    }
    const inCustody = sentence !== null && referredOn < sentence.releasedOn;
    if (inCustody) this.#release = { on: sentence!.releasedOn, licenceEnds: sentence!.licenceEnds };
    this.#issue({
      type: 'ReferOffender',
      occurredOn: referredOn,
      area,
      localUnit: r.pick(unitsOf(area)),
      leadAgency: inCustody || sentence?.licenceEnds !== undefined ? 'probation' : 'police',
      subject: { ref: subjectRef(r, referredOn), dateOfBirth: this.#dateOfBirth },
      basis,
      level: this.#dangerous ? 2 : 1,
      inCustody,
    });
    if (this.#dangerous) this.#meeting(referredOn, 2, 'initial');
  }

  run(): void {
    let t = this.c.referredOn;
    for (;;) {
      const c = this.c;
      if (c.deceased) return;
      const next = this.#candidates(t, c).reduce<Planned | null>((min, p) => (min === null || p.on < min.on ? p : min), null);
      if (next === null || next.on > this.end) return;
      t = next.on;
      next.run();
    }
  }

  /** Waiting time to an event happening at `perYear` times a year (memoryless), at least a day. */
  #after(t: BusinessDate, perYear: number): BusinessDate {
    return addDays(t, Math.max(1, Math.ceil((-Math.log(1 - this.r.next()) * 365) / perYear)));
  }

  #candidates(t: BusinessDate, c: Case): Planned[] {
    const out: Planned[] = [];
    if (!c.open) {
      if (this.#reopen) out.push(this.#reopen);
      else if (c.closeReason === 'no-longer-eligible') {
        const on = this.#after(t, 0.03);
        out.push({ on, run: () => this.#reoffend(on) });
      }
      return out;
    }
    const hazard = (perYear: number, run: (on: BusinessDate) => void) => {
      const on = this.#after(t, perYear);
      out.push({ on, run: () => run(on) });
    };
    if (this.#release && c.inCustody) out.push({ on: maxDate(t, this.#release.on), run: () => this.#released(maxDate(t, this.#release!.on)) });
    for (const step of this.#orderSteps.values()) {
      const on = maxDate(t, step.on);
      out.push({ on, run: () => step.run(on) });
    }
    if (this.#outcome) out.push(this.#outcome);
    if (c.level !== 1) {
      const due = maxDate(t, addDays(c.lastMeeting?.nextReviewDue ?? addDays(t, 90), this.r.int(-14, 7)));
      out.push({ on: due, run: () => this.#meeting(due, c.level as 2 | 3, 'review') });
    }
    this.#lapse(t, c, out);
    const sexual = c.bases.some((b) => b.category === 1 && isBasisActiveOn(b, t));
    const inCommunity = !c.inCustody;

    if (c.level === 1) hazard(this.#dangerous ? 0 : sexual ? 0.07 : 0.12, (on) => this.#ifEligible(on, () => this.#meeting(on, 2, 'initial')));
    if (c.level === 2) {
      hazard(0.05, (on) => this.#meeting(on, 3, 'emergency'));
      hazard(0.4, (on) => this.#stepDown(on));
    }
    if (c.level === 3) hazard(0.8, (on) => this.#meeting(on, 2, 'review'));
    if (inCommunity && c.licenceEnds !== null) hazard(0.3, (on) => this.#recall(on));
    if (inCommunity) {
      hazard(0.03, (on) => this.#remand(on));
      if (!this.#dangerous) hazard(0.015, (on) => this.#convicted(on));
      hazard(0.004, (on) => this.#charged(on));
    }
    if (sexual && inCommunity) hazard(0.1, (on) => this.#notificationBreach(on));
    if (sexual) hazard(0.025, (on) => this.#applyForOrder(on));
    if (c.orders.some((o) => o.status === 'interim' || o.status === 'full')) {
      hazard(0.12, (on) => this.#breachOrder(on));
      hazard(0.03, (on) => this.#dischargeOrder(on));
    }
    hazard(0.2, (on) => this.#issue({ type: 'ChangeLocalUnit', occurredOn: on, localUnit: this.#otherUnit() }));
    hazard(0.05, (on) => this.#issue({ type: 'ChangeLeadAgency', occurredOn: on, leadAgency: this.r.pick(LEADS) }));
    hazard(0.02, (on) => this.#transfer(on));
    hazard(0.008, (on) => this.#leftJurisdiction(on));
    hazard(this.#deathRate(t), (on) => this.#issue({ type: 'RecordDeath', occurredOn: on }));
    return out;
  }

  #deathRate(t: BusinessDate): number {
    const age = (toDayNumber(t) - toDayNumber(this.#dateOfBirth)) / 365.25;
    return 0.004 + (age > 60 ? 0.02 : 0) + (age > 75 ? 0.06 : 0);
  }

  #nextBasis(): string {
    return `b${++this.#ids.basis}`;
  }

  #meeting(on: BusinessDate, level: 2 | 3, kind: 'initial' | 'review' | 'emergency'): string {
    const meetingId = `m${++this.#ids.meeting}`;
    const agencies = ['police', 'probation', ...this.r.shuffle(AGENCIES).slice(0, this.r.int(0, 3))] as const;
    this.#issue({ type: 'RecordMappMeeting', occurredOn: on, meetingId, level, kind, agencies: [...agencies], nextReviewDue: addDays(on, this.r.int(10, 16) * 7) });
    return meetingId;
  }

  #ifEligible(on: BusinessDate, run: () => void): void {
    if (reportedCategoryOn(this.c, on) !== null) run();
  }

  /** Back to level 1 after a review, unless only category 3 applies: then the risk has reduced and MAPPA ends. */
  #stepDown(on: BusinessDate): void {
    const category = reportedCategoryOn(this.c, on);
    const meetingId = this.#meeting(on, 2, 'review');
    if (category !== 3) {
      this.#issue({ type: 'SetManagementLevel', occurredOn: on, level: 1, meetingId });
      return;
    }
    for (const b of this.c.bases) {
      if (b.category === 3 && isBasisActiveOn(b, on)) this.#issue({ type: 'EndEligibilityBasis', occurredOn: on, basisId: b.basis.basisId, reason: 'risk-reduced' });
    }
    if (reportedCategoryOn(this.c, on) === null) this.#close(on, 'risk-reduced');
    else this.#issue({ type: 'SetManagementLevel', occurredOn: on, level: 1, meetingId });
  }

  #close(on: BusinessDate, reason: 'no-longer-eligible' | 'risk-reduced' | 'left-jurisdiction' | 'other'): void {
    this.#closure = null;
    this.#issue({ type: 'CloseCase', occurredOn: on, reason });
  }

  /**
   * When no basis will be active any more: perhaps the end recorded on its last day, and the
   * case closed within weeks (not while a charge is open or an order application pending).
   */
  #lapse(t: BusinessDate, c: Case, out: Planned[]): void {
    const active = c.bases.filter((b) => b.endedOn === null && b.start <= t && (b.lastDay === null || b.lastDay >= t));
    for (const b of active) {
      if (b.lastDay === null) continue;
      let record = this.#recordEnd.get(b.basis.basisId);
      if (record === undefined) this.#recordEnd.set(b.basis.basisId, (record = this.r.chance(0.4)));
      const lastDay = b.lastDay;
      const reason = b.category === 1 ? 'period-expired' : 'licence-expired';
      if (record) out.push({ on: lastDay, run: () => this.#issue({ type: 'EndEligibilityBasis', occurredOn: lastDay, basisId: b.basis.basisId, reason }) });
    }
    if (active.some((b) => b.lastDay === null)) {
      this.#closure = null;
      return;
    }
    const lapsesOn = active.reduce((last, b) => maxDate(last, addDays(b.lastDay!, 1)), t);
    const busy = c.charges.some((ch) => ch.outcome === null) || c.orders.some((o) => o.status === 'pending' || o.status === 'interim');
    if (busy) return;
    if (this.#closure === null || this.#closure < lapsesOn) this.#closure = addDays(lapsesOn, this.r.int(0, 60));
    const closeOn = this.#closure;
    out.push({ on: closeOn, run: () => (reportedCategoryOn(this.c, closeOn) === null ? this.#close(closeOn, 'no-longer-eligible') : (this.#closure = null)) });
  }

  #released(on: BusinessDate): void {
    const licenceEnds = this.#release?.licenceEnds;
    this.#release = null;
    this.#issue({ type: 'RecordRelease', occurredOn: on, ...(licenceEnds !== undefined && licenceEnds > on && { licenceEnds }) });
  }

  #recall(on: BusinessDate): void {
    const c = this.c;
    if (!isOnLicenceOn(c, on)) return;
    this.#issue({ type: 'RecallOnLicence', occurredOn: on });
    this.#release = { on: addDays(on, this.r.int(28, 400)), licenceEnds: c.licenceEnds ?? undefined };
  }

  #remand(on: BusinessDate): void {
    const licenceEnds = this.c.licenceEnds ?? undefined;
    this.#issue({ type: 'RecordCustody', occurredOn: on, reason: 'remand' });
    this.#release = { on: addDays(on, this.r.int(2, 90)), licenceEnds };
  }

  /** A new conviction with a custodial sentence: a new basis, release at the halfway point on licence. */
  #convicted(on: BusinessDate): void {
    const months = this.r.int(12, 72);
    const releasedOn = addDays(on, Math.round((months * 30.4) / 2));
    const licenceEnds = addMonths(on, months);
    this.#issue({ type: 'RecordCustody', occurredOn: on, reason: 'sentence' });
    const basis: EligibilityBasis = this.r.chance(0.5)
      ? { kind: 'registered-sexual-offender', basisId: this.#nextBasis(), relevantDate: on, disposal: 'custody', custodialMonths: months }
      : { kind: 'violent-offender', basisId: this.#nextBasis(), startDate: on, sentenceMonths: months, ends: licenceEnds };
    this.#issue({ type: 'AddEligibilityBasis', occurredOn: on, basis });
    if (basis.kind === 'registered-sexual-offender' && this.r.chance(0.3)) {
      const orderType = this.#available(on, ['SOPO', 'SHPO']);
      this.#issue({ type: 'RecordFullOrder', occurredOn: on, orderId: `o${++this.#ids.order}`, orderType, madeOnConviction: true, ...(this.r.chance(0.5) && { ends: addDays(on, 5 * 365) }) });
    }
    this.#release = { on: releasedOn, licenceEnds };
  }

  /** A serious further offence: charged and remanded; convicted and sentenced, or freed. */
  #charged(on: BusinessDate): void {
    const chargeId = `c${++this.#ids.charge}`;
    const offenceDate = maxDate(this.c.referredOn, addDays(on, -this.r.int(0, 30)));
    const licenceEnds = this.c.licenceEnds ?? undefined;
    this.#issue({ type: 'ChargeSeriousFurtherOffence', occurredOn: on, chargeId, offenceDate });
    this.#issue({ type: 'RecordCustody', occurredOn: on, reason: 'remand' });
    this.#release = null;
    const decidedOn = addDays(on, this.r.int(120, 500));
    const outcome = this.r.weighted([['convicted', 55], ['convicted-lesser', 15], ['acquitted', 15], ['discontinued', 15]] as const);
    this.#outcome = {
      on: decidedOn,
      run: () => {
        this.#outcome = null;
        this.#issue({ type: 'RecordSeriousFurtherOffenceOutcome', occurredOn: decidedOn, chargeId, outcome });
        if (outcome === 'convicted' || outcome === 'convicted-lesser') {
          const years = outcome === 'convicted' ? this.r.int(6, 20) : this.r.int(1, 4);
          if (!this.#dangerous) {
            this.#issue({
              type: 'AddEligibilityBasis', occurredOn: decidedOn,
              basis: { kind: 'violent-offender', basisId: this.#nextBasis(), startDate: decidedOn, sentenceMonths: years * 12, ends: addDays(decidedOn, years * 365) },
            });
          }
          this.#release = { on: addDays(decidedOn, Math.round((years * 365) / 2)), licenceEnds: addDays(decidedOn, years * 365) };
        } else {
          this.#release = { on: decidedOn, licenceEnds };
        }
      },
    };
  }

  #notificationBreach(on: BusinessDate): void {
    if (!this.c.bases.some((b) => b.category === 1 && isBasisActiveOn(b, on))) return;
    const command: CaseCommand = { type: 'RecordNotificationBreach', occurredOn: on, disposal: this.r.pick(['caution', 'conviction'] as const) };
    if (this.r.chance(0.2)) this.sim.lateEntry(command, this.r.int(15, 60));
    else this.#issue(command);
  }

  /** The order a court could make that day: SOPO or FTO before 8 March 2015, SHPO or SRO from it; NO always. */
  #available(on: BusinessDate, preferred: readonly OrderType[]): OrderType {
    return preferred.find((type) => isOrderTypeAvailable(type, on)) ?? 'NO';
  }

  #applyForOrder(on: BusinessDate): void {
    const r = this.r;
    const orderType = this.#available(on, r.weighted([[['SOPO', 'SHPO'], 85], [['FTO', 'SRO'], 5], [['NO'], 10]] as const));
    const orderId = `o${++this.#ids.order}`;
    this.#issue({ type: 'ApplyForCivilOrder', occurredOn: on, orderId, orderType, applicant: r.chance(0.95) ? 'police' : 'nca' });
    // An order can be made only while its type is available; an application overtaken by the 2014 Act is refused.
    const plan = (planned: BusinessDate, stage: 'interim' | 'full' | 'refused') => {
      const run = (at: BusinessDate) => {
        const allowed = stage === 'refused' || isOrderTypeAvailable(orderType, at);
        this.#orderSteps.delete(orderId);
        if (!allowed || stage === 'refused') this.#issue({ type: 'RefuseCivilOrder', occurredOn: at, orderId });
        else if (stage === 'interim') {
          this.#issue({ type: 'RecordInterimOrder', occurredOn: at, orderId });
          plan(addDays(at, r.int(30, 90)), 'full');
        } else this.#issue({ type: 'RecordFullOrder', occurredOn: at, orderId, ...(r.chance(0.5) && { ends: addDays(at, 5 * 365) }) });
      };
      this.#orderSteps.set(orderId, { on: planned, run });
    };
    const stage = r.weighted([['interim', 10], ['full', 70], ['refused', 20]] as const);
    plan(addDays(on, stage === 'interim' ? r.int(1, 10) : r.int(20, 120)), stage);
  }

  #breachOrder(on: BusinessDate): void {
    const inForce = this.c.orders.filter((o) => isOrderInForceOn(o, on));
    if (inForce.length === 0) return;
    const disposal = this.r.weighted([['custody', 40], ['non-custodial', 40], ['caution', 20]] as const);
    const wasFree = !this.c.inCustody;
    const licenceEnds = this.c.licenceEnds ?? undefined;
    this.#issue({ type: 'RecordCivilOrderBreach', occurredOn: on, orderId: this.r.pick(inForce).orderId, disposal });
    if (disposal === 'custody' && wasFree) this.#release = { on: addDays(on, this.r.int(30, 400)), licenceEnds };
  }

  #dischargeOrder(on: BusinessDate): void {
    const full = this.c.orders.filter((o) => o.status === 'full' && isOrderInForceOn(o, on));
    if (full.length > 0) this.#issue({ type: 'DischargeCivilOrder', occurredOn: on, orderId: this.r.pick(full).orderId });
  }

  #otherUnit(): string {
    const units = unitsOf(this.c.area as AreaCode).filter((u) => u !== this.c.localUnit);
    return this.r.pick(units);
  }

  #transfer(on: BusinessDate): void {
    const toArea = drawUntil('another area', () => drawArea(this.r), (a) => a !== this.c.area);
    this.#issue({ type: 'TransferCase', occurredOn: on, toArea, localUnit: this.r.pick(unitsOf(toArea)) });
  }

  /** Abroad or in Scotland for a while: closed, and reopened on return if still eligible then. */
  #leftJurisdiction(on: BusinessDate): void {
    if (this.c.inCustody) return;
    this.#close(on, 'left-jurisdiction');
    const back = addDays(on, this.r.int(200, 1500));
    if (this.r.chance(0.6)) {
      this.#reopen = {
        on: back,
        run: () => {
          this.#reopen = null;
          if (reportedCategoryOn(this.c, back) !== null) this.#issue({ type: 'ReopenCase', occurredOn: back });
        },
      };
    }
  }

  /** Convicted again after the case was closed: reopened with the new basis, in custody. */
  #reoffend(on: BusinessDate): void {
    const months = this.r.int(12, 60);
    const basis: EligibilityBasis = this.r.chance(0.5)
      ? { kind: 'registered-sexual-offender', basisId: this.#nextBasis(), relevantDate: on, disposal: 'custody', custodialMonths: months }
      : { kind: 'violent-offender', basisId: this.#nextBasis(), startDate: on, sentenceMonths: months, ends: addMonths(on, months) };
    this.#issue({ type: 'ReopenCase', occurredOn: on, basis, level: 1 });
    if (!this.c.inCustody) this.#issue({ type: 'RecordCustody', occurredOn: on, reason: 'sentence' });
    this.#release = { on: addDays(on, Math.round((months * 30.4) / 2)), licenceEnds: addMonths(on, months) };
  }
}
