/**
 * Durable commands through the whole write path (load the stream, decide, append with the
 * version decided on, group commit) with 1, 16 and 64 concurrent writers on SQLite, against
 * the raw better-sqlite3 rate of one fsync'd transaction per 1-KB event measured in this run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CaseCommand } from '../src/domain/case/commands.js';
import { systemClock } from '../src/infrastructure/clock.js';
import { caseCommandHandler } from '../src/infrastructure/command-handler/handle-case-command.js';
import { openSqliteEventStore } from '../src/infrastructure/eventstore/sqlite/index.js';
import type { BenchRow } from './run.js';
import { percentile, rawOneTransactionPerEvent } from './sqlite-append.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
/** The baseline is fsync-bound and shares the disk with everything else: measures alternate, medians are reported. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const WRITERS = [1, 16, 64] as const;
const COMMANDS_PER_CASE = 10;
const actor = { id: 'bench', role: 'coordinator', agency: 'police' } as const;

/** A writer's n-th command: a referral, then local-unit changes, then the next case (streams stay small). */
function commandFor(n: number): CaseCommand {
  if (n % COMMANDS_PER_CASE === 0) {
    return {
      type: 'ReferOffender', occurredOn: '2020-01-01', area: 'cumbria', leadAgency: 'police', localUnit: 'North BCU',
      subject: { ref: `BENCH-${n}`, dateOfBirth: '1980-01-01' },
      basis: { kind: 'registered-sexual-offender', basisId: 'b1', relevantDate: '2019-06-01', disposal: 'custody', custodialMonths: 36 },
    };
  }
  return { type: 'ChangeLocalUnit', occurredOn: '2020-02-01', localUnit: n % 2 === 0 ? 'North BCU' : 'South BCU' };
}

async function handlerRate(dir: string, writers: number) {
  const store = openSqliteEventStore(join(dir, `handler-${writers}.db`));
  const handle = caseCommandHandler({ store, clock: systemClock });
  const latencies: number[] = [];
  try {
    const deadline = performance.now() + SECONDS * 1000;
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
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    return { rate: latencies.length / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
  } finally {
    await store.close();
  }
}

const median = <T>(values: T[], by: (v: T) => number): T => [...values].sort((a, b) => by(a) - by(b))[Math.floor(values.length / 2)]!;

export async function commandHandlerSection(): Promise<BenchRow[]> {
  const raws: number[] = [];
  const runs = new Map<number, { rate: number; p50: number; p99: number }[]>();
  for (let round = 0; round < ROUNDS; round++) {
    const dir = mkdtempSync(join(tmpdir(), 'mappa-bench-handler-'));
    try {
      raws.push(rawOneTransactionPerEvent(dir));
      for (const writers of WRITERS) runs.set(writers, [...(runs.get(writers) ?? []), await handlerRate(dir, writers)]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const raw = median(raws, (r) => r);
  const rows: BenchRow[] = [{
    name: 'raw better-sqlite3: 1 transaction per 1-KB event, synchronous=FULL',
    value: raw,
    unit: 'events/s',
    note: `baseline; median of ${ROUNDS}: ${raws.map((r) => Math.round(r)).join(', ')}`,
  }];
  for (const writers of WRITERS) {
    const all = runs.get(writers)!;
    const { rate, p50, p99 } = median(all, (r) => r.rate);
    rows.push({
      name: `durable commands through the handler, ${writers} writer${writers === 1 ? '' : 's'}`,
      value: rate,
      unit: 'commands/s',
      ratio: rate / raw,
      note: `p50 ${p50.toFixed(2)} ms, p99 ${p99.toFixed(2)} ms; rates ${all.map((r) => Math.round(r.rate)).join(', ')}`,
    });
  }
  return rows;
}
