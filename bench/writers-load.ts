import type { CaseCommand } from '../src/domain/case/commands.js';
import type { CaseCommandHandler } from '../src/infrastructure/command-handler/handle-case-command.js';
import { percentile } from './sqlite-append.js';

export const COMMANDS_PER_CASE = 10;
const actor = { id: 'bench', role: 'coordinator', agency: 'police' } as const;

/**
 * `writers` concurrent writers sending commands through the handler for `seconds`: each writer's
 * n-th command is `commandFor(n)` on its own case, a new case every COMMANDS_PER_CASE commands.
 */
export async function driveWriters(handle: CaseCommandHandler, writers: number, seconds: number, commandFor: (n: number) => CaseCommand) {
  const latencies: number[] = [];
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async (_, writer) => {
      for (let n = 0; performance.now() < deadline; n++) {
        const sent = performance.now();
        const outcome = await handle(`w${writer}-c${Math.floor(n / COMMANDS_PER_CASE)}`, commandFor(n), { areas: '*', actor });
        if (outcome.kind !== 'accepted' || outcome.events.length !== 1) throw new Error(`bench command not accepted: ${JSON.stringify(outcome)}`);
        latencies.push(performance.now() - sent);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { rate: latencies.length / elapsed, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}
