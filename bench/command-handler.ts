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
import { rawOneTransactionPerEvent } from './sqlite-append.js';
import { COMMANDS_PER_CASE, driveWriters } from './writers-load.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
/** The baseline is fsync-bound and shares the disk with everything else: measures alternate, medians are reported. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const WRITERS = [1, 16, 64] as const;

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
  try {
    return await driveWriters(handle, writers, SECONDS, commandFor);
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
