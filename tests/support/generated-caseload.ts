import fc from 'fast-check';
import type { CaseCommand } from '../../src/domain/case/commands.js';
import { manualClock } from '../../src/infrastructure/clock.js';
import { caseCommandHandler } from '../../src/infrastructure/command-handler/handle-case-command.js';
import type { EventStore } from '../../src/infrastructure/eventstore/eventstore.js';
import { SealedPersonalData } from '../../src/infrastructure/personal-data/personal-data.js';
import { SubjectKeysInMemory } from '../../src/infrastructure/personal-data/subject-keys.js';
import { caseScript, type ScriptOptions } from './case-history.arbitrary.js';

/**
 * One key store for every log the generated caseloads go to, as every instance serving one log
 * shares one key store: a log on an EventStoreDB server outlives the store object a test opened
 * on it, and the next object must open what the first one sealed.
 */
const sharedPersonalData = new SealedPersonalData(new SubjectKeysInMemory());

/** Generated histories for many cases, seeded: the same seed gives the same commands. */
export function generatedScripts(cases: number, seed: number, options: ScriptOptions = {}): CaseCommand[][] {
  return fc.sample(caseScript({ maxCommands: 30, ...options }), { numRuns: cases, seed });
}

/**
 * Issues the scripts through the command handler, interleaved across cases as a busy area's
 * coordinators would, `concurrency` at a time. Returns how many commands were accepted.
 */
export async function issueScripts(store: EventStore, scripts: readonly CaseCommand[][], concurrency = 8): Promise<{ accepted: number; refused: number }> {
  const handle = caseCommandHandler({ store, clock: manualClock('2032-01-01T12:00:00.000Z'), personalData: sharedPersonalData });
  const actor = { id: 'generator', role: 'coordinator', agency: 'police' } as const;
  const queue: { caseId: string; command: CaseCommand }[] = [];
  const longest = Math.max(...scripts.map((s) => s.length));
  for (let i = 0; i < longest; i++) scripts.forEach((script, n) => script[i] && queue.push({ caseId: `gen-${n}`, command: script[i]! }));
  let accepted = 0;
  let refused = 0;
  // Each case's commands stay in order: a worker takes the next command only of cases it owns.
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      for (const { caseId, command } of queue) {
        if (Number(caseId.slice(4)) % concurrency !== worker) continue;
        const outcome = await handle(caseId, command, { areas: '*', actor });
        if (outcome.kind === 'accepted') accepted++;
        else refused++;
      }
    }),
  );
  return { accepted, refused };
}
