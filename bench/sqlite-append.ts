/**
 * What group commit buys: the raw cost of one fsync'd transaction per event, against the
 * store's append rate with 1, 16 and 64 concurrent appenders, each appending one 1-KB event
 * at a time to its own stream with an exact expected version.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openSqliteEventStore } from '../src/infrastructure/eventstore/sqlite/index.js';
import type { BenchRow } from './run.js';

const SECONDS_PER_MEASURE = Number(process.env.BENCH_SECONDS ?? 3);
const PAYLOAD = 'x'.repeat(1024 - 20);
const CONCURRENCY = [1, 16, 64] as const;

export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** (a) better-sqlite3 alone: WAL, synchronous=FULL, one transaction per 1-KB event. */
export function rawOneTransactionPerEvent(dir: string): number {
  const db = new Database(join(dir, 'raw.db'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('CREATE TABLE events (global_position INTEGER PRIMARY KEY, data TEXT NOT NULL)');
    const insert = db.prepare('INSERT INTO events (data) VALUES (?)');
    const append = db.transaction((data: string) => insert.run(data));
    const data = JSON.stringify({ payload: PAYLOAD });
    const deadline = performance.now() + SECONDS_PER_MEASURE * 1000;
    const started = performance.now();
    let count = 0;
    while (performance.now() < deadline) {
      append(data);
      count++;
    }
    return count / ((performance.now() - started) / 1000);
  } finally {
    db.close();
  }
}

/** (b) The store under `appenders` concurrent callers. */
async function storeAppends(dir: string, appenders: number) {
  let groups = 0;
  const store = openSqliteEventStore(join(dir, `store-${appenders}.db`), { onGroupCommitted: () => groups++ });
  const latencies: number[] = [];
  try {
    const deadline = performance.now() + SECONDS_PER_MEASURE * 1000;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: appenders }, async (_, appender) => {
        const stream = `bench-${appender}`;
        for (let version = -1; performance.now() < deadline; version++) {
          const event = { eventId: randomUUID(), type: 'Benchmarked', data: { payload: PAYLOAD }, metadata: {} };
          const sent = performance.now();
          await store.appendToStream(stream, [event], { expectedVersion: version });
          latencies.push(performance.now() - sent);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    return {
      eventsPerSecond: latencies.length / seconds,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      meanGroup: latencies.length / groups,
    };
  } finally {
    await store.close();
  }
}

export async function sqliteAppendSection(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'mappa-bench-'));
  try {
    const baseline = rawOneTransactionPerEvent(dir);
    const rows: BenchRow[] = [
      { name: 'raw better-sqlite3, 1 tx per 1-KB event', value: baseline, unit: 'events/s', ratio: 1, note: 'WAL, synchronous=FULL, fresh file' },
    ];
    for (const appenders of CONCURRENCY) {
      const measured = await storeAppends(dir, appenders);
      rows.push(
        {
          name: `store append, ${appenders} concurrent appender${appenders === 1 ? '' : 's'}`,
          value: measured.eventsPerSecond,
          unit: 'events/s',
          ratio: measured.eventsPerSecond / baseline,
          note: `${measured.meanGroup.toFixed(1)} appends per commit`,
        },
        { name: `  latency p50`, value: measured.p50, unit: 'ms' },
        { name: `  latency p99`, value: measured.p99, unit: 'ms' },
      );
    }
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
