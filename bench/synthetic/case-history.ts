import type { EligibilityBasis } from '../../src/domain/case/basis.js';
import type { CaseCommand, CommandOf } from '../../src/domain/case/commands.js';
import type { Level, OrderType } from '../../src/domain/case/vocabulary.js';
import type { Agency } from '../../src/domain/shared/agencies.js';
import type { AreaCode } from '../../src/domain/shared/areas.js';
import { addDays, maxDate, minDate, toDayNumber, type BusinessDate } from '../../src/domain/shared/business-date.js';
import type { Rng } from './prng.js';

/** A command and the business day a coordinator entered it (on or after the day it happened). */
export type ScriptedCommand = { readonly command: CaseCommand; readonly recordedOn: BusinessDate };
export type CaseScript = { readonly caseId: string; readonly commands: readonly ScriptedCommand[] };

/** Days from a weekday (0 Sunday ... 6 Saturday) to the next Monday-to-Friday day. */
const WEEKEND_DELAY = [1, 0, 0, 0, 0, 0, 2] as const;

// Youth justice joins meetings about young people, which these adult histories are not.
const MEETING_AGENCIES: readonly Agency[] = ['prison', 'health', 'housing', 'children-services', 'adult-services', 'other'];

/**
 * Writes one case's commands in business-date order, keeping just enough of the case's state
 * (level, custody, licence) for a story to read naturally. It does not enforce the rules: the
 * command handler does, and a story that breaks one makes the demo fail loudly. It throws only
 * when a story goes back in time, which is a bug in the story, not a backdated command.
 */
export class CaseHistory {
  readonly #commands: ScriptedCommand[] = [];
  #lastOn: BusinessDate | null = null;
  #lastRecorded: BusinessDate | null = null;
  #ids = { basis: 0, meeting: 0, order: 0, charge: 0 };
  level: Level = 1;
  inCustody = false;
  licenceEnds: BusinessDate | null = null;
  area: AreaCode | null = null;
  open = false;

  constructor(
    readonly caseId: string,
    private readonly rng: Rng,
    /** The last business day of the history: nothing happens or is recorded after it. */
    readonly end: BusinessDate,
    private readonly entry: {
      /** Entries made Monday to Friday only: what happens at a weekend is entered on the Monday. */
      readonly weekdaysOnly?: boolean;
      /**
       * The engine's first day in service: whatever would have been entered earlier was
       * migrated on the day before, each case's history in order.
       */
      readonly liveFrom?: BusinessDate;
    } = {},
  ) {}

  script(): CaseScript {
    return { caseId: this.caseId, commands: [...this.#commands] };
  }

  get lastOn(): BusinessDate {
    if (this.#lastOn === null) throw new Error(`${this.caseId}: nothing recorded yet`);
    return this.#lastOn;
  }

  /** Most entries are made the same day, some within days, a few weeks late. */
  #lag(): number {
    return this.rng.weighted([[0, 65], [this.rng.int(1, 10), 30], [this.rng.int(11, 45), 5]]);
  }

  /** The day an entry made `lag` days after `on` is recorded, never after the end of the history. */
  #entryDay(on: BusinessDate, lag: number): BusinessDate {
    let day = addDays(on, lag);
    if (this.entry.weekdaysOnly) day = addDays(day, WEEKEND_DELAY[(toDayNumber(day) + 4) % 7]!);
    if (this.entry.liveFrom !== undefined && day < this.entry.liveFrom) day = addDays(this.entry.liveFrom, -1);
    return minDate(this.end, day);
  }

  #push(command: CaseCommand, options: { late?: number } = {}): this {
    const on = command.occurredOn;
    if (on > this.end) throw new Error(`${this.caseId}: ${command.type} on ${on} is after the end of the history (${this.end})`);
    if (options.late !== undefined) {
      // Entered weeks later than the facts after it: the handler inserts it at its business date.
      this.#commands.push({ command, recordedOn: this.#entryDay(on, options.late) });
      return this;
    }
    if (this.#lastOn !== null && on < this.#lastOn) throw new Error(`${this.caseId}: ${command.type} on ${on} goes back before ${this.#lastOn}`);
    const recordedOn = maxDate(this.#entryDay(on, this.#lag()), this.#lastRecorded ?? on);
    this.#commands.push({ command, recordedOn });
    this.#lastOn = on;
    this.#lastRecorded = recordedOn;
    return this;
  }

  nextBasisId(): string {
    return `b${++this.#ids.basis}`;
  }

  refer(fields: Omit<CommandOf<'ReferOffender'>, 'type'>): this {
    this.level = fields.level ?? 1;
    this.inCustody = fields.inCustody ?? false;
    this.area = fields.area;
    this.open = true;
    return this.#push({ type: 'ReferOffender', ...fields });
  }

  addBasis(on: BusinessDate, basis: EligibilityBasis): this {
    return this.#push({ type: 'AddEligibilityBasis', occurredOn: on, basis });
  }

  endBasis(on: BusinessDate, basisId: string, reason: CommandOf<'EndEligibilityBasis'>['reason']): this {
    return this.#push({ type: 'EndEligibilityBasis', occurredOn: on, basisId, reason });
  }

  #agencies(): Agency[] {
    const extra = this.rng.shuffle(MEETING_AGENCIES).slice(0, this.rng.int(0, 3));
    return ['police', 'probation', ...extra];
  }

  /** A MAPP meeting; at another level than the case's, the meeting moves the case to it. Returns its id. */
  meeting(on: BusinessDate, level: 2 | 3, kind: 'initial' | 'review' | 'emergency'): string {
    const meetingId = `m${++this.#ids.meeting}`;
    const nextReviewDue = addDays(on, this.rng.int(10, 16) * 7);
    this.#push({ type: 'RecordMappMeeting', occurredOn: on, meetingId, level, kind, agencies: this.#agencies(), nextReviewDue });
    this.level = level;
    return meetingId;
  }

  /** A review meeting decides the case can go back to ordinary agency management. */
  stepDownToLevel1(on: BusinessDate): this {
    const meetingId = this.meeting(on, this.level === 1 ? 2 : (this.level as 2 | 3), 'review');
    this.level = 1;
    return this.#push({ type: 'SetManagementLevel', occurredOn: on, level: 1, meetingId });
  }

  /** A level change, decided at meeting `meetingId` when given. */
  setLevel(on: BusinessDate, level: Level, meetingId?: string): this {
    this.level = level;
    return this.#push({ type: 'SetManagementLevel', occurredOn: on, level, ...(meetingId !== undefined && { meetingId }) });
  }

  custody(on: BusinessDate, reason: CommandOf<'RecordCustody'>['reason']): this {
    this.inCustody = true;
    return this.#push({ type: 'RecordCustody', occurredOn: on, reason });
  }

  release(on: BusinessDate, licenceEnds?: BusinessDate): this {
    this.inCustody = false;
    const onLicence = licenceEnds !== undefined && licenceEnds > on;
    this.licenceEnds = onLicence ? licenceEnds : null;
    return this.#push({ type: 'RecordRelease', occurredOn: on, ...(onLicence && { licenceEnds }) });
  }

  recall(on: BusinessDate): this {
    if (this.licenceEnds === null || on > this.licenceEnds || this.inCustody) throw new Error(`${this.caseId}: recall on ${on} without a running licence`);
    this.inCustody = true;
    return this.#push({ type: 'RecallOnLicence', occurredOn: on });
  }

  notificationBreach(on: BusinessDate, disposal: 'caution' | 'conviction', options: { late?: number } = {}): this {
    return this.#push({ type: 'RecordNotificationBreach', occurredOn: on, disposal }, options);
  }

  applyForOrder(on: BusinessDate, orderType: OrderType = 'SOPO'): string {
    const orderId = `o${++this.#ids.order}`;
    this.#push({ type: 'ApplyForCivilOrder', occurredOn: on, orderId, orderType, applicant: 'police' });
    return orderId;
  }

  interimOrder(on: BusinessDate, orderId: string): this {
    return this.#push({ type: 'RecordInterimOrder', occurredOn: on, orderId });
  }

  fullOrder(on: BusinessDate, orderId: string, ends?: BusinessDate): this {
    return this.#push({ type: 'RecordFullOrder', occurredOn: on, orderId, ...(ends !== undefined && { ends }) });
  }

  orderOnConviction(on: BusinessDate, orderType: OrderType, ends?: BusinessDate): string {
    const orderId = `o${++this.#ids.order}`;
    this.#push({ type: 'RecordFullOrder', occurredOn: on, orderId, orderType, madeOnConviction: true, ...(ends !== undefined && { ends }) });
    return orderId;
  }

  refuseOrder(on: BusinessDate, orderId: string): this {
    return this.#push({ type: 'RefuseCivilOrder', occurredOn: on, orderId });
  }

  dischargeOrder(on: BusinessDate, orderId: string): this {
    return this.#push({ type: 'DischargeCivilOrder', occurredOn: on, orderId });
  }

  breachOrder(on: BusinessDate, orderId: string, disposal: 'custody' | 'non-custodial' | 'caution'): this {
    if (disposal === 'custody') this.inCustody = true;
    return this.#push({ type: 'RecordCivilOrderBreach', occurredOn: on, orderId, disposal });
  }

  charge(on: BusinessDate, offenceDate: BusinessDate): string {
    const chargeId = `c${++this.#ids.charge}`;
    this.#push({ type: 'ChargeSeriousFurtherOffence', occurredOn: on, chargeId, offenceDate });
    return chargeId;
  }

  chargeOutcome(on: BusinessDate, chargeId: string, outcome: CommandOf<'RecordSeriousFurtherOffenceOutcome'>['outcome']): this {
    return this.#push({ type: 'RecordSeriousFurtherOffenceOutcome', occurredOn: on, chargeId, outcome });
  }

  transfer(on: BusinessDate, toArea: AreaCode, localUnit?: string): this {
    this.area = toArea;
    return this.#push({ type: 'TransferCase', occurredOn: on, toArea, ...(localUnit !== undefined && { localUnit }) });
  }

  changeUnit(on: BusinessDate, localUnit: string): this {
    return this.#push({ type: 'ChangeLocalUnit', occurredOn: on, localUnit });
  }

  changeLead(on: BusinessDate, leadAgency: Agency): this {
    return this.#push({ type: 'ChangeLeadAgency', occurredOn: on, leadAgency });
  }

  close(on: BusinessDate, reason: CommandOf<'CloseCase'>['reason']): this {
    this.open = false;
    return this.#push({ type: 'CloseCase', occurredOn: on, reason });
  }

  reopen(on: BusinessDate, options: { basis?: EligibilityBasis; level?: Level } = {}): this {
    this.open = true;
    if (options.level !== undefined) this.level = options.level;
    return this.#push({ type: 'ReopenCase', occurredOn: on, ...options });
  }

  death(on: BusinessDate): this {
    this.open = false;
    return this.#push({ type: 'RecordDeath', occurredOn: on });
  }
}
