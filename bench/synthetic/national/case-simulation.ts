import { evolve } from '../../../src/domain/case/evolve-case.js';
import type { CaseCommand } from '../../../src/domain/case/commands.js';
import { decide } from '../../../src/domain/case/decide.js';
import { caseEvents } from '../../../src/domain/case/event-versions.js';
import { insertIntoTimeline } from '../../../src/domain/case/insert-into-timeline.js';
import type { Case } from '../../../src/domain/case/state.js';
import { latestCase, type Timeline } from '../../../src/domain/case/timeline.js';
import { addDays, maxDate, minDate, type BusinessDate } from '../../../src/domain/shared/business-date.js';
import type { Actor } from '../../../src/infrastructure/auth/actor.js';
import type { EventToAppend } from '../../../src/infrastructure/eventstore/eventstore.js';
import type { Rng } from '../prng.js';

/**
 * One case's stream built without a store: each command is decided by the pure decider against
 * the timeline so far, with "today" the day it was entered, exactly as the command handler
 * would; the events get the metadata the handler writes. A refused command is a bug in the
 * generator and throws. Entries may be late, and a late entry is inserted at its business date.
 */
export class CaseSimulation {
  #timeline: Timeline = [];
  #state: Case | null = null;
  #lastOn: BusinessDate = '';
  #lastRecorded: BusinessDate = '';
  readonly #late: { readonly command: CaseCommand; readonly recordedOn: BusinessDate }[] = [];
  readonly events: EventToAppend[] = [];

  constructor(
    readonly caseId: string,
    private readonly r: Rng,
    private readonly newId: () => string,
    private readonly actorFor: (area: string) => Actor,
    readonly end: BusinessDate,
  ) {}

  /** The case after every command issued so far (late entries change nothing a story reads). */
  get state(): Case {
    if (this.#state === null) throw new Error(`${this.caseId}: not referred yet`);
    return this.#state;
  }

  get exists(): boolean {
    return this.#state !== null;
  }

  /** Entered the same day, within days, or a few weeks late; never before an earlier entry. */
  issue(command: CaseCommand): void {
    const lag = this.r.weighted([[0, 65], [this.r.int(1, 10), 30], [this.r.int(11, 45), 5]]);
    const recordedOn = minDate(this.end, maxDate(addDays(command.occurredOn, lag), this.#lastRecorded));
    if (command.type === 'RecordDeath') this.#flushLate(recordedOn, true);
    else this.#flushLate(recordedOn, false);
    this.#decide(command, recordedOn);
  }

  /** A fact entered `days` after it happened, behind facts entered in the meantime. */
  lateEntry(command: CaseCommand, days: number): void {
    this.#late.push({ command, recordedOn: minDate(this.end, addDays(command.occurredOn, days)) });
  }

  /** Enters what is still waiting; call once the story is over. */
  finish(): void {
    this.#flushLate(this.end, true);
  }

  #flushLate(until: BusinessDate, all: boolean): void {
    this.#late.sort((a, b) => (a.recordedOn < b.recordedOn ? -1 : a.recordedOn > b.recordedOn ? 1 : 0));
    while (this.#late.length > 0 && (all || this.#late[0]!.recordedOn <= until)) {
      const { command, recordedOn } = this.#late.shift()!;
      // Before a death everything waiting is entered: nothing is accepted after one.
      this.#decide(command, maxDate(this.#lastRecorded, minDate(recordedOn, until)));
    }
  }

  #decide(command: CaseCommand, recordedOn: BusinessDate): void {
    const decision = decide(command, this.#timeline, recordedOn);
    if (!decision.ok) {
      throw new Error(`national generator: case ${this.caseId} refused ${command.type} dated ${command.occurredOn} entered ${recordedOn}: ${decision.error.code} (${decision.error.message})\n${JSON.stringify(command)}`);
    }
    const causationId = this.newId();
    const recordedAt = `${recordedOn}T16:00:00.000Z`;
    const backdated = command.occurredOn < this.#lastOn;
    for (const event of decision.value) {
      const area = this.#state?.area ?? (event.type === 'OffenderReferred' ? event.area : 'unknown');
      const encoded = caseEvents.encode(event);
      this.events.push({
        eventId: this.newId(),
        type: encoded.type,
        data: encoded.data,
        metadata: { schemaVersion: encoded.schemaVersion, recordedAt, actor: this.actorFor(area), correlationId: causationId, causationId },
      });
      this.#timeline = insertIntoTimeline(this.#timeline, { position: this.events.length - 1, event, recordedAt });
      if (!backdated) this.#state = evolve(this.#state, event);
    }
    if (backdated) this.#state = latestCase(this.#timeline);
    else this.#lastOn = command.occurredOn;
    this.#lastRecorded = recordedOn;
  }
}
