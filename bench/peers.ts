/**
 * Peers side by side: Emmett's SQLite event store (installed on demand into bench/peers/emmett,
 * not a dependency of the project) and this engine's SQLite store, on the same workload in the
 * same run (bench/peers/workload.ts). Each group's baseline is Emmett's public store; a ratio is
 * the row over it.
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openSqliteEventStore } from '../src/infrastructure/eventstore/sqlite/index.js';
import type { ConcurrentCallsOutcome } from './peers/emmett/concurrent-calls.js';
import { emmettDurability, emmettOnOpenConnection, emmettStore, type EmmettSqlite } from './peers/emmett/emmett-stores.js';
import { EMMETT_VERSION, ensureEmmettInstalled } from './peers/emmett/install.js';
import { measureAppends, measureReads, PAYLOAD, queued, READ_STREAM_LENGTH, READ_STREAMS, type AppendFigures, type PeerStore } from './peers/workload.js';
import type { BenchRow } from './run.js';

const WRITERS = 16;

function engineStore(path: string): PeerStore & { close(): Promise<void> } {
  const store = openSqliteEventStore(path);
  return {
    async append(stream, version, count = 1) {
      const events = Array.from({ length: count }, (_, index) => ({
        eventId: randomUUID(),
        type: 'Benchmarked',
        data: { payload: PAYLOAD, index },
        metadata: {},
      }));
      return (await store.appendToStream(stream, events, { expectedVersion: version ?? 'no_stream' })).nextExpectedVersion;
    },
    async readStream(stream) {
      return (await store.readStream(stream)).length;
    },
    close: () => store.close(),
  };
}

const appendRow = (name: string, figures: AppendFigures, baseline: number | undefined, note = ''): BenchRow => ({
  name,
  value: figures.eventsPerSecond,
  unit: 'events/s',
  ...(baseline !== undefined && { ratio: figures.eventsPerSecond / baseline }),
  note: [
    `p50 ${figures.p50.toFixed(1)} ms, p99 ${figures.p99.toFixed(1)} ms`,
    figures.failures > 0 ? `${figures.failures} failed (${figures.firstFailure})` : '',
    note,
  ].filter(Boolean).join('; '),
});

/** Emmett 0.38.5 prints every failed transaction with console.log; the rows count them instead. */
async function quietly<T>(run: () => Promise<T>): Promise<T> {
  const log = console.log;
  console.log = () => undefined;
  try {
    return await run();
  } finally {
    console.log = log;
  }
}

/** The concurrent-calls probe in a child process, so the calls it leaves hanging die with it. */
function concurrentCalls(fileName: string): ConcurrentCallsOutcome | string {
  const script = fileURLToPath(new URL('./peers/emmett/concurrent-calls.ts', import.meta.url));
  const child = spawnSync(process.execPath, ['--import', 'tsx', script, fileName, String(WRITERS)], { encoding: 'utf8', timeout: 60_000 });
  try {
    return JSON.parse(child.stdout) as ConcurrentCallsOutcome;
  } catch {
    return `the probe did not finish: ${child.error?.message ?? child.stderr.trim().split('\n').at(-1) ?? `exit ${child.status}`}`;
  }
}

export async function peersSection(): Promise<BenchRow[]> {
  const installed = ensureEmmettInstalled();
  if (!installed.ok) {
    return [{ name: `Emmett ${EMMETT_VERSION} SQLite store: not measured`, value: Number.NaN, unit: '', note: installed.reason }];
  }
  const emmett = installed.require('@event-driven-io/emmett-sqlite') as EmmettSqlite;
  const dir = mkdtempSync(join(tmpdir(), 'mappa-bench-peers-'));
  const file = (name: string) => join(dir, `${name}.db`);
  const engine = engineStore(file('engine'));
  const open = await emmettOnOpenConnection(emmett, file('emmett-open'));
  try {
    const store = emmettStore(emmett, file('emmett'));
    const durability = await emmettDurability(emmett, file('emmett'));
    const rows: BenchRow[] = [];

    const single = await quietly(() => measureAppends(store, 1, 'one'));
    rows.push(
      appendRow(`Emmett ${EMMETT_VERSION} store, 1 writer`, single, single.eventsPerSecond, `a connection opened and closed per call; ${durability}`),
      appendRow(`Emmett's append SQL on one open connection, 1 writer`, await quietly(() => measureAppends(open, 1, 'one')), single.eventsPerSecond),
      appendRow(`this engine's store, 1 writer`, await measureAppends(engine, 1, 'one'), single.eventsPerSecond, 'WAL, synchronous=FULL'),
    );

    const many = await quietly(() => measureAppends(queued(store), WRITERS, 'many'));
    rows.push(appendRow(`Emmett store, ${WRITERS} writers, calls queued`, many, many.eventsPerSecond, 'one call at a time: concurrent calls break it (next row)'));
    const probeAt = rows.length;
    rows.push(
      appendRow(`Emmett's append SQL on one open connection, ${WRITERS} writers queued`, await quietly(() => measureAppends(queued(open), WRITERS, 'many')), many.eventsPerSecond),
      appendRow(`this engine's store, ${WRITERS} writers`, await measureAppends(engine, WRITERS, 'many'), many.eventsPerSecond, 'group commit'),
    );

    const reads = await quietly(() => measureReads(store, 'read'));
    const readRow = (name: string, measured: { eventsPerSecond: number; streamsPerSecond: number }): BenchRow => ({
      name,
      value: measured.eventsPerSecond,
      unit: 'events/s',
      ratio: measured.eventsPerSecond / reads.eventsPerSecond,
      note: `${Math.round(measured.streamsPerSecond).toLocaleString('en-GB')} streams/s`,
    });
    rows.push(
      readRow(`Emmett store, whole streams of ${READ_STREAM_LENGTH} 1-KB events (${READ_STREAMS} streams), 1 reader`, reads),
      readRow(`Emmett's read SQL on one open connection`, await quietly(() => measureReads(open, 'read'))),
      readRow(`this engine's store`, await measureReads(engine, 'read')),
    );

    const probe = concurrentCalls(file('emmett-concurrent'));
    rows.splice(probeAt, 0, {
      name: `Emmett store, ${WRITERS} writers, calls concurrent`,
      value: typeof probe === 'string' ? Number.NaN : probe.ok,
      unit: 'appends ok',
      note:
        typeof probe === 'string'
          ? probe
          : `of ${probe.ok + probe.failed + probe.hung} tried: ${probe.failed} failed, ${probe.hung} never answered${probe.first ? ` (${probe.first})` : ''}`,
    });
    return rows;
  } finally {
    open.close();
    await engine.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
