/**
 * Heavy reads beside everyone else (docs/CHECKS.md B3): the real server as a child process on a log
 * of 20,000 synthetic cases, 40,000 access records and one case of 5,000 events. A probe asks
 * `/health/live` one request after another, first on the idle server (the baseline), then while
 * clients in parallel ask for what costs most: national returns as known at an instant (a fold
 * of the whole log), `/audit` searches that match nothing, and reads of the 5,000-event case;
 * each kind alone, then all at once. The figure is the probe's p99 (target: under 50 ms).
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CaseCommand } from '../src/domain/case/commands.js';
import { accessLog } from '../src/infrastructure/access-log/writer.js';
import { mintToken } from '../src/infrastructure/auth/mint-token.js';
import { manualClock, systemClock } from '../src/infrastructure/clock.js';
import { caseCommandHandler } from '../src/infrastructure/command-handler/handle-case-command.js';
import { openSqliteEventStore } from '../src/infrastructure/eventstore/sqlite/index.js';
import { startEngine, stop, type Child } from './http.js';
import { SealedPersonalData } from '../src/infrastructure/personal-data/personal-data.js';
import { SubjectKeysSqlite } from '../src/infrastructure/personal-data/subject-keys-sqlite.js';
import type { BenchRow } from './run.js';
import { percentile } from './sqlite-append.js';
import { NATIONAL_LOG, nationalLog } from './synthetic/national/national-log.js';

const SECRET = 'bench-secret-bench-secret-bench-secret-0123';
const CASES = 20_000;
const ACCESS_RECORDS = 40_000;
const BIG_CASE_EVENTS = 5000;
const SECONDS = Number(process.env.BENCH_HEAVY_SECONDS ?? 8);
const TARGET_P99_MS = 50;

const actor = { id: 'bench', role: 'coordinator', agency: 'police' } as const;

/** The cached national generator at 20,000 cases, plus the access records and the big case. */
async function prepareLog(dir: string): Promise<string> {
  const log = await nationalLog('.bench-data', { ...NATIONAL_LOG, cases: CASES }, (line) => process.stderr.write(`${line}\n`));
  const path = join(dir, 'mappa.db');
  copyFileSync(log.path, path);
  const store = openSqliteEventStore(path);
  let closeKeys = async () => {};
  try {
    const clock = manualClock('2025-10-01T09:00:00.000Z');
    const writer = accessLog({ store, clock });
    for (let i = 0; i < ACCESS_RECORDS; i += 1000) {
      clock.advance(60_000);
      await Promise.all(
        Array.from({ length: 1000 }, (_, j) =>
          writer.record({ type: 'CaseDataRead', actor: { id: `reader-${j % 40}`, role: 'reviewer', agency: 'police' }, channel: 'http', resource: 'case', caseIds: [`ew-${String(((i + j) % CASES) + 1).padStart(7, '0')}`], query: {}, requestId: `bench-${i + j}` }),
        ),
      );
    }
    // The big case's key goes where the server started on this directory looks for it (MAPPA_DATA_DIR).
    const keys = new SubjectKeysSqlite(join(dir, 'mappa-keys.db'));
    closeKeys = () => keys.close();
    const handle = caseCommandHandler({ store, clock: systemClock, personalData: new SealedPersonalData(keys) });
    const refer: CaseCommand = {
      type: 'ReferOffender', occurredOn: '2020-01-01', area: 'cumbria', localUnit: 'North', leadAgency: 'police', level: 2,
      subject: { ref: 'BIG-1', dateOfBirth: '1980-01-01' }, basis: { kind: 'registered-sexual-offender', basisId: 'b1', relevantDate: '2019-06-01', disposal: 'custody', custodialMonths: 36 },
    };
    await handle('big', refer, { actor, areas: '*' });
    for (let n = 1; n < BIG_CASE_EVENTS; n++) await handle('big', { type: 'SetManagementLevel', occurredOn: '2020-01-02', level: n % 2 === 1 ? 3 : 2 }, { actor, areas: '*' });
  } finally {
    await store.close();
    await closeKeys();
  }
  return path;
}

type Latencies = { p50: number; p99: number; max: number; count: number };

function summary(times: number[]): Latencies {
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99), max: times[times.length - 1] ?? Number.NaN, count: times.length };
}

/** `/health/live` one request after another for `seconds`. */
async function probe(base: string, seconds: number): Promise<Latencies> {
  const times: number[] = [];
  const until = performance.now() + seconds * 1000;
  while (performance.now() < until) {
    const started = performance.now();
    const response = await fetch(`${base}/health/live`);
    await response.arrayBuffer();
    times.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return summary(times);
}

type Load = { readonly name: string; readonly clients: number; readonly path: string; readonly token: string };

/** Clients asking `path` in loops while the probe runs; their own latencies and statuses. */
async function probeUnder(base: string, loads: readonly Load[]): Promise<{ health: Latencies; reads: Map<string, { latencies: Latencies; statuses: Set<number> }> }> {
  let running = true;
  const reads = new Map<string, { times: number[]; statuses: Set<number> }>();
  const clients = loads.flatMap((load) =>
    Array.from({ length: load.clients }, async () => {
      const mine = reads.get(load.name) ?? { times: [], statuses: new Set<number>() };
      reads.set(load.name, mine);
      while (running) {
        const started = performance.now();
        const response = await fetch(`${base}${load.path}`, { headers: { authorization: `Bearer ${load.token}` } });
        await response.arrayBuffer();
        mine.times.push(performance.now() - started);
        mine.statuses.add(response.status);
      }
    }),
  );
  // Let the loads start before the probe counts.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const health = await probe(base, SECONDS);
  running = false;
  await Promise.all(clients);
  return { health, reads: new Map([...reads].map(([name, r]) => [name, { latencies: summary(r.times), statuses: r.statuses }])) };
}

export async function heavyReadsSection(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'mappa-bench-heavy-'));
  let engine: Child | undefined;
  try {
    const path = await prepareLog(dir);
    engine = await startEngine({
      NODE_ENV: 'production', HOST: '127.0.0.1', MAPPA_STORE: `sqlite:${path}`, MAPPA_DATA_DIR: dir,
      MAPPA_JWT_SECRET: SECRET, MAPPA_LOG_LEVEL: 'warn', MAPPA_RATE_LIMIT_MAX: '10000000', MAPPA_SHUTDOWN_DRAIN_MS: '0',
    });
    const base = `http://127.0.0.1:${engine.port}`;
    const token = (role: 'analyst' | 'auditor' | 'reviewer' | 'admin') => mintToken({ sub: `bench-${role}`, role, agency: 'police', areas: '*' }, { secret: SECRET });
    const [analyst, auditor, reviewer, admin] = await Promise.all([token('analyst'), token('auditor'), token('reviewer'), token('admin')]);
    // The read models caught up (first start: a whole-log projection in the worker thread).
    for (let status = 0; status !== 200; ) {
      status = (await fetch(`${base}/admin/projections`, { headers: { authorization: `Bearer ${admin}` } })).status;
      if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 200));
    }

    const knownAt: Load = { name: 'knownAt national returns', clients: 5, path: '/returns/2024-25?area=england-and-wales&knownAt=2030-01-01T00:00:00Z', token: analyst };
    // The thread answering them takes the log in when the server starts; the first answer waits for that.
    const takeInStarted = performance.now();
    const first = await fetch(`${base}${knownAt.path}`, { headers: { authorization: `Bearer ${analyst}` } });
    await first.arrayBuffer();
    const takeInMs = performance.now() - takeInStarted;
    const audit: Load = { name: '/audit searches matching nothing', clients: 2, path: '/audit?caseId=no-such-case&limit=100', token: auditor };
    const bigCase: Load = { name: 'reads of the 5,000-event case', clients: 8, path: '/cases/big', token: reviewer };
    const idle = await probe(base, SECONDS);
    const phases = [[knownAt], [audit], [bigCase], [knownAt, audit, bigCase]] as const;
    const rows: BenchRow[] = [
      { name: 'first knownAt national return (the known-at thread takes the log in)', value: takeInMs / 1000, unit: 's', note: `status ${first.status}; timed from when the read models had caught up (the thread started with the server)` },
      { name: '/health/live on the idle server', value: idle.p99, unit: 'ms p99', ratio: 1, note: `baseline; p50 ${idle.p50.toFixed(1)} ms, max ${idle.max.toFixed(1)} ms, ${idle.count} probes` },
    ];
    for (const loads of phases) {
      const { health, reads } = await probeUnder(base, loads);
      const during = loads.length === 1 ? loads[0].name : 'all of them at once';
      rows.push({
        name: `/health/live while ${during}`,
        value: health.p99,
        unit: 'ms p99',
        ratio: health.p99 / idle.p99,
        note: `target < ${TARGET_P99_MS} ms; p50 ${health.p50.toFixed(1)} ms, max ${health.max.toFixed(1)} ms, ${health.count} probes`,
      });
      for (const load of loads) {
        const r = reads.get(load.name)!;
        rows.push({
          name: `  ${load.name} (${load.clients} clients)`,
          value: r.latencies.count / (SECONDS + 0.5),
          unit: 'req/s',
          note: `p50 ${r.latencies.p50.toFixed(0)} ms, p99 ${r.latencies.p99.toFixed(0)} ms; statuses ${[...r.statuses].join(', ')}`,
        });
      }
    }
    return rows;
  } finally {
    if (engine !== undefined) await stop(engine);
    rmSync(dir, { recursive: true, force: true });
  }
}
