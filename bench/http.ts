/**
 * The HTTP API under load (autocannon, 50 connections, 10 s each, on this machine): the real
 * server as a child process on a fresh SQLite store, beside bare Fastify returning 201 measured
 * in the same run (the ratio is the figure). Durable commands: each request refers a new case
 * (one fsync'd, group-committed append). Case reads: GET /cases/{id} over the cases just
 * written, each appending its access record before it answers.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon, { type Result } from 'autocannon';
import { mintToken } from '../src/infrastructure/auth/mint-token.js';
import type { BenchRow } from './run.js';

const SECONDS = Number(process.env.BENCH_HTTP_SECONDS ?? 10);
const CONNECTIONS = 50;
const SECRET = 'bench-secret-bench-secret-bench-secret-0123';
const REPO = join(import.meta.dirname, '..');

const referral = (n: number) =>
  JSON.stringify({
    type: 'ReferOffender', occurredOn: '2020-01-01', area: 'cumbria', localUnit: 'North BCU', leadAgency: 'police',
    subject: { ref: `BENCH-${n}`, dateOfBirth: '1980-01-01' },
    basis: { kind: 'registered-sexual-offender', basisId: 'b1', relevantDate: '2019-06-01', disposal: 'custody', custodialMonths: 36 },
  });

export type Child = { readonly process: ChildProcess; readonly port: number };

function startBaseline(): Promise<Child> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/http-baseline-server.ts'], { cwd: REPO, env: { PATH: process.env['PATH'] ?? '' }, stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const announced = /"port":(\d+)/.exec(output);
      if (announced) resolve({ process: child, port: Number(announced[1]) });
    });
    child.on('exit', (code) => reject(new Error(`the baseline server exited (${code})`)));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

/** The engine as `npm start` runs it, on its own port; ready when /health/ready says so. */
export async function startEngine(env: Record<string, string>): Promise<Child> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: REPO, env: { PATH: process.env['PATH'] ?? '', ...env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'inherit'] });
  for (let attempt = 0; attempt < 200; attempt++) {
    const status = await fetch(`http://127.0.0.1:${port}/health/ready`).then((r) => r.status, () => 0);
    if (status === 200) return { process: child, port };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill('SIGKILL');
  throw new Error('the engine did not become ready');
}

export async function stop(child: Child): Promise<void> {
  child.process.removeAllListeners('exit');
  const exited = new Promise((resolve) => child.process.once('exit', resolve));
  child.process.kill('SIGTERM');
  await exited;
}

function rate(result: Result) {
  const ok = result.requests.total - result.non2xx;
  return { perSecond: ok / result.duration, p50: result.latency.p50, p99: result.latency.p99, failed: result.non2xx + result.errors + result.timeouts };
}

export async function httpSection(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'mappa-bench-http-'));
  const baseline = await startBaseline();
  let engine: Child | undefined;
  try {
    const bare = rate(await autocannon({
      url: `http://127.0.0.1:${baseline.port}/cases/x/commands`, connections: CONNECTIONS, duration: SECONDS, method: 'POST',
      headers: { 'content-type': 'application/json' }, body: referral(0),
    }));
    await stop(baseline);

    engine = await startEngine({
      NODE_ENV: 'production', HOST: '127.0.0.1', MAPPA_STORE: `sqlite:${join(dir, 'mappa.db')}`, MAPPA_DATA_DIR: dir,
      MAPPA_JWT_SECRET: SECRET, MAPPA_LOG_LEVEL: 'warn', MAPPA_RATE_LIMIT_MAX: '10000000', MAPPA_SHUTDOWN_DRAIN_MS: '0',
    });
    const base = `http://127.0.0.1:${engine.port}`;
    const coordinator = await mintToken({ sub: 'bench-coordinator', role: 'coordinator', agency: 'police', areas: ['cumbria'] }, { secret: SECRET });
    const reviewer = await mintToken({ sub: 'bench-reviewer', role: 'reviewer', agency: 'police', areas: ['cumbria'] }, { secret: SECRET });

    let next = 0;
    const commands = await autocannon({
      url: base, connections: CONNECTIONS, duration: SECONDS,
      requests: [{
        method: 'POST',
        headers: { authorization: `Bearer ${coordinator}`, 'content-type': 'application/json' },
        setupRequest: (request) => {
          const n = next++;
          return { ...request, path: `/cases/bench-${n}/commands`, body: referral(n) };
        },
      }],
    });
    const written = commands.requests.total - commands.non2xx;
    const command = rate(commands);

    let read = 0;
    const reads = rate(await autocannon({
      url: base, connections: CONNECTIONS, duration: SECONDS,
      requests: [{
        method: 'GET',
        headers: { authorization: `Bearer ${reviewer}` },
        setupRequest: (request) => ({ ...request, path: `/cases/bench-${read++ % Math.max(1, written)}` }),
      }],
    }));

    const load = `${CONNECTIONS} connections, ${SECONDS} s`;
    return [
      { name: 'bare Fastify, POST answering 201', value: bare.perSecond, unit: 'req/s', ratio: 1, note: `${load}; p50 ${bare.p50} ms, p99 ${bare.p99} ms` },
      { name: 'durable commands (ReferOffender, new case each)', value: command.perSecond, unit: 'req/s', ratio: command.perSecond / bare.perSecond, note: `${load}; ${command.failed} not 2xx` },
      { name: '  latency p50', value: command.p50, unit: 'ms' },
      { name: '  latency p99', value: command.p99, unit: 'ms' },
      { name: 'case reads (GET /cases/{id}, access-logged)', value: reads.perSecond, unit: 'req/s', ratio: reads.perSecond / bare.perSecond, note: `${load}; ${reads.failed} not 2xx; over ${written} cases` },
      { name: '  latency p50', value: reads.p50, unit: 'ms' },
      { name: '  latency p99', value: reads.p99, unit: 'ms' },
    ];
  } finally {
    if (baseline.process.exitCode === null) await stop(baseline);
    if (engine !== undefined) await stop(engine);
    rmSync(dir, { recursive: true, force: true });
  }
}
