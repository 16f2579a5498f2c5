import { caseCommand } from '../../src/domain/case/commands.js';
import type { BusinessDate } from '../../src/domain/shared/business-date.js';
import type { Actor } from '../../src/infrastructure/auth/actor.js';
import type { manualClock } from '../../src/infrastructure/clock.js';
import { caseCommandHandler } from '../../src/infrastructure/command-handler/handle-case-command.js';
import type { PersonalData } from '../../src/infrastructure/personal-data/personal-data.js';
import type { EventStore } from '../../src/infrastructure/eventstore/eventstore.js';
import type { CaseScript, ScriptedCommand } from './case-history.js';

export type IssueReport = {
  readonly cases: number;
  readonly commands: number;
  /** Events the accepted commands wrote. */
  readonly events: number;
  /** Commands accepted without an event (e.g. a level the case already had). */
  readonly unchanged: number;
  readonly firstDay: BusinessDate;
  readonly lastDay: BusinessDate;
};

/** A refused command is a bug in the generator: it names the case, the command and the rule. */
export class RefusedCommandError extends Error {
  constructor(caseId: string, entry: ScriptedCommand, reason: string) {
    super(`case ${caseId}: ${entry.command.type} dated ${entry.command.occurredOn}, entered ${entry.recordedOn}, was refused: ${reason}\n${JSON.stringify(entry.command)}`);
    this.name = 'RefusedCommandError';
  }
}

/**
 * Enters the history day by day as coordinators would have: the clock is set to each day on
 * which something was entered, and that day's commands go through the command handler (each
 * case's in order, cases side by side), after the wire-format check the HTTP edge applies.
 * Every command must be accepted.
 */
export async function issueHistory(
  store: EventStore,
  scripts: readonly CaseScript[],
  options: {
    readonly clock: ReturnType<typeof manualClock>;
    readonly newId?: () => string;
    readonly actors: readonly Actor[];
    /** Cases the handler keeps decided: a history bigger than its default re-reads evicted cases. */
    readonly cacheSize?: number;
    /** Where the subjects' keys go: the key store a server on this log will open. */
    readonly personalData?: PersonalData;
  },
): Promise<IssueReport> {
  const handle = caseCommandHandler({
    store, clock: options.clock, ...(options.newId && { newId: options.newId }), ...(options.cacheSize !== undefined && { cacheSize: options.cacheSize }),
    ...(options.personalData !== undefined && { personalData: options.personalData }),
  });
  const byDay = new Map<BusinessDate, Map<number, ScriptedCommand[]>>();
  scripts.forEach((script, index) => {
    for (const entry of script.commands) {
      const day = byDay.get(entry.recordedOn) ?? new Map<number, ScriptedCommand[]>();
      byDay.set(entry.recordedOn, day);
      day.set(index, [...(day.get(index) ?? []), entry]);
    }
  });
  const days = [...byDay.keys()].sort();
  let commands = 0;
  let events = 0;
  let unchanged = 0;
  for (const day of days) {
    // Late afternoon in London, summer or winter: the business date is `day`.
    options.clock.set(`${day}T16:00:00.000Z`);
    await Promise.all(
      [...byDay.get(day)!].map(async ([index, entries]) => {
        const { caseId } = scripts[index]!;
        const actor = options.actors[index % options.actors.length]!;
        for (const entry of entries) {
          const parsed = caseCommand.safeParse(entry.command);
          if (!parsed.success) throw new RefusedCommandError(caseId, entry, `not a valid command: ${parsed.error.message}`);
          const outcome = await handle(caseId, parsed.data, { areas: '*', actor });
          if (outcome.kind !== 'accepted') throw new RefusedCommandError(caseId, entry, JSON.stringify(outcome));
          commands++;
          events += outcome.events.length;
          if (outcome.events.length === 0) unchanged++;
        }
      }),
    );
  }
  return { cases: scripts.length, commands, events, unchanged, firstDay: days[0] ?? '', lastDay: days[days.length - 1] ?? '' };
}
