/**
 * What a long case costs: commands and reads on a 5,000-event case against a 10-event case, in
 * the API as the server composes it (SQLite store, read models following the log, access log),
 * through `inject` one request at a time; and other users' commands while 8 clients read the big
 * case, against the same while they read a small one. Ratios are the figures.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { CaseCommand } from '../src/domain/case/commands.js';
import { accessLog as accessLogWriter } from '../src/infrastructure/access-log/writer.js';
import { mintToken } from '../src/infrastructure/auth/mint-token.js';
import { systemClock } from '../src/infrastructure/clock.js';
import { caseCommandHandler } from '../src/infrastructure/command-handler/handle-case-command.js';
import { openSqliteEventStore } from '../src/infrastructure/eventstore/sqlite/index.js';
import { buildApp } from '../src/infrastructure/http/app.js';
import { projectionRoutes } from '../src/infrastructure/http/projection-routes.js';
import { ProjectionsInThread } from '../src/infrastructure/read-models/projections-in-thread.js';
import type { BenchRow } from './run.js';
import { percentile } from './sqlite-append.js';

const BIG = 5000;
const SMALL = 10;
const SAMPLES = Number(process.env.BENCH_BIG_SAMPLES ?? 300);
const READERS = 8;
const SECRET = 'bench-secret-bench-secret-bench-secret-0123';
const actor = { id: 'bench', role: 'coordinator', agency: 'police' } as const;

const referral = (n: string): CaseCommand => ({
  type: 'ReferOffender', occurredOn: '2010-01-01', area: 'cumbria', localUnit: 'North BCU', leadAgency: 'police',
  subject: { ref: `BENCH-${n}`, dateOfBirth: '1980-01-01' },
  basis: { kind: 'registered-sexual-offender', basisId: 'b1', relevantDate: '2009-06-01', disposal: 'custody', custodialMonths: 36 },
});

/** The i-th event after the referral: a local unit changed on a later day each time (dated history, not one day). */
const nthChange = (i: number): CaseCommand => ({ type: 'ChangeLocalUnit', occurredOn: dayAfter('2010-01-01', Math.floor(i / 2) + 1), localUnit: i % 2 === 0 ? 'South BCU' : 'North BCU' });

function dayAfter(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

type Timing = { readonly mean: number; readonly p50: number; readonly p99: number };

function timing(latencies: number[]): Timing {
  latencies.sort((a, b) => a - b);
  return { mean: latencies.reduce((a, b) => a + b, 0) / latencies.length, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

async function timed(count: number, send: (n: number) => Promise<{ statusCode: number }>): Promise<Timing> {
  const latencies: number[] = [];
  for (let n = 0; n < count; n++) {
    const started = performance.now();
    const response = await send(n);
    if (response.statusCode >= 300) throw new Error(`bench request answered ${response.statusCode}`);
    latencies.push(performance.now() - started);
  }
  return timing(latencies);
}

export async function bigCasesSection(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'mappa-bench-big-'));
  const store = openSqliteEventStore(join(dir, 'mappa.db'));
  let projections: ProjectionsInThread | undefined;
  let app: FastifyInstance | undefined;
  try {
    const write = caseCommandHandler({ store, clock: systemClock });
    for (const [caseId, events] of [['big', BIG], ['small', SMALL], ['other', SMALL]] as const) {
      await write(caseId, referral(caseId), { actor, areas: '*' });
      for (let i = 1; i < events; i++) await write(caseId, nthChange(i), { actor, areas: '*' });
    }
    const following = (projections = new ProjectionsInThread(store, join(dir, 'read-models.db')));
    await following.start();
    const accessLog = accessLogWriter({ store, clock: systemClock });
    app = await buildApp({
      config: { logLevel: 'silent', bodyLimitBytes: 65_536, rateLimit: { max: 100_000_000, windowMs: 60_000 } },
      store, tokens: { verification: { algorithm: 'HS256', key: new TextEncoder().encode(SECRET) } }, clock: systemClock, accessLog,
      routes: projectionRoutes(following, { clock: systemClock, accessLog }), caseAreas: (caseId) => following.readModels.caseArea(caseId),
    });
    const server = app;
    const coordinator = { authorization: `Bearer ${await mintToken({ sub: 'bench-c', role: 'coordinator', agency: 'police', areas: ['cumbria'] }, { secret: SECRET })}`, 'content-type': 'application/json' };
    const reviewer = { authorization: `Bearer ${await mintToken({ sub: 'bench-r', role: 'reviewer', agency: 'police', areas: ['cumbria'] }, { secret: SECRET })}` };
    // Each command is a new fact dated today, so it changes the case (201), as real traffic does.
    const today = new Date().toISOString().slice(0, 10);
    const command = (caseId: string) => (n: number) =>
      server.inject({ method: 'POST', url: `/cases/${caseId}/commands`, headers: coordinator, payload: JSON.stringify({ type: 'ChangeLocalUnit', occurredOn: today, localUnit: `unit-${n}` }) });
    const read = (caseId: string) => () => server.inject({ method: 'GET', url: `/cases/${caseId}`, headers: reviewer });

    const firstBigRead = await timed(1, read('big'));
    // The handler's own cost first, with the read models' runner paused; then as the server runs.
    await following.stop();
    const smallAlone = await timed(SAMPLES, command('small'));
    const bigAlone = await timed(SAMPLES, command('big'));
    await following.start();
    const smallCommands = await timed(SAMPLES, command('small'));
    const bigCommands = await timed(SAMPLES, command('big'));
    const smallReads = await timed(SAMPLES, read('small'));
    const bigReads = await timed(SAMPLES, read('big'));

    const besideReadersOf = async (caseId: string) => {
      let reading = true;
      const readers = Array.from({ length: READERS }, async () => {
        while (reading) await read(caseId)();
      });
      const commands = await timed(SAMPLES, command('other'));
      reading = false;
      await Promise.all(readers);
      return commands;
    };
    const alone = await besideReadersOf('small');
    const beside = await besideReadersOf('big');

    const note = (t: Timing) => `p50 ${t.p50.toFixed(2)} ms, p99 ${t.p99.toFixed(2)} ms`;
    return [
      { name: `command on a ${SMALL}-event case (ChangeLocalUnit), read models paused`, value: smallAlone.mean, unit: 'ms', ratio: 1, note: `baseline; ${note(smallAlone)}` },
      { name: `command on a ${BIG}-event case, read models paused`, value: bigAlone.mean, unit: 'ms', ratio: bigAlone.mean / smallAlone.mean, note: note(bigAlone) },
      { name: `command on a ${SMALL}-event case, read models following the log`, value: smallCommands.mean, unit: 'ms', ratio: 1, note: `baseline; ${note(smallCommands)}` },
      { name: `command on a ${BIG}-event case, read models following the log`, value: bigCommands.mean, unit: 'ms', ratio: bigCommands.mean / smallCommands.mean, note: `${note(bigCommands)}; the runner extends the fold it keeps of the case by the new event` },
      { name: `read of a ${SMALL}-event case (GET /cases/{id})`, value: smallReads.mean, unit: 'ms', ratio: 1, note: `baseline; ${note(smallReads)}` },
      { name: `read of a ${BIG}-event case`, value: bigReads.mean, unit: 'ms', ratio: bigReads.mean / smallReads.mean, note: `${note(bigReads)}; the first, uncached: ${firstBigRead.mean.toFixed(1)} ms` },
      { name: `other users' commands while ${READERS} clients read a ${SMALL}-event case`, value: alone.p99, unit: 'ms p99', ratio: 1, note: `baseline; ${note(alone)}` },
      { name: `  the same while they read the ${BIG}-event case`, value: beside.p99, unit: 'ms p99', ratio: beside.p99 / alone.p99, note: note(beside) },
    ];
  } finally {
    await app?.close();
    await projections?.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
