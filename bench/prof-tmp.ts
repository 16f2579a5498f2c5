import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { readFileSync, readdirSync } from 'node:fs';
/** CPU seconds of each thread of a process, by thread name. */
const cpu = (pid: number) => {
  const out: Record<string, number> = {};
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const key = tid === String(pid) ? 'main' : `${name}#${tid}`;
    out[key] = (out[key] ?? 0) + (Number(f[11]) + Number(f[12])) / 100;
  }
  return out;
};
const measured = async (label: string, pid: number, run: () => Promise<any>) => {
  const before = cpu(pid);
  const r = await run();
  const after = cpu(pid);
  const n = r.requests.total;
  const per = Object.fromEntries(Object.entries(after).map(([k, v]) => [k, Math.round(((v - (before[k] ?? 0)) / n) * 1e6)]).filter(([, v]) => (v as number) > 0));
  console.log(label, Math.round(r.requests.average), 'req/s p50', r.latency.p50, 'p99', r.latency.p99, 'non2xx', r.non2xx, 'cpu µs/req', JSON.stringify(per));
  return r;
};
import { mintToken } from '../src/infrastructure/auth/mint-token.js';
const SECRET = 'bench-secret-bench-secret-bench-secret-0123';
const dir = mkdtempSync(join(tmpdir(), 'prof-'));
const port = 39111;
const mode = process.argv[2] ?? 'commands';
const child = spawn(process.execPath, [...(process.env.PROF === '0' ? [] : [...(process.env.HEAP ? ['--heap-prof', '--heap-prof-dir=/work/prof/heap', '--heap-prof-interval=65536'] : ['--cpu-prof', '--cpu-prof-dir=/work/prof'])]), ...(process.env.FLAGS ? process.env.FLAGS.split(' ') : []), '--import', 'tsx', 'src/main.ts'], { cwd: join(import.meta.dirname, '..'), env: { PATH: process.env.PATH!, NODE_ENV: 'production', HOST: '127.0.0.1', PORT: String(port), MAPPA_STORE: `sqlite:${join(dir, 'mappa.db')}`, MAPPA_DATA_DIR: dir, MAPPA_JWT_SECRET: SECRET, MAPPA_LOG_LEVEL: 'warn', MAPPA_RATE_LIMIT_MAX: '10000000', MAPPA_SHUTDOWN_DRAIN_MS: '0' }, stdio: ['ignore', 'ignore', 'inherit'] });
for (;;) { const s = await fetch(`http://127.0.0.1:${port}/health/ready`).then((r) => r.status, () => 0); if (s === 200) break; await new Promise((r) => setTimeout(r, 50)); }
const coordinator = await mintToken({ sub: 'c', role: 'coordinator', agency: 'police', areas: ['cumbria'] }, { secret: SECRET });
const reviewer = await mintToken({ sub: 'r', role: 'reviewer', agency: 'police', areas: ['cumbria'] }, { secret: SECRET });
const referral = (n: number) => JSON.stringify({ type: 'ReferOffender', occurredOn: '2020-01-01', area: 'cumbria', localUnit: 'North BCU', leadAgency: 'police', subject: { ref: `BENCH-${n}`, dateOfBirth: '1980-01-01' }, basis: { kind: 'registered-sexual-offender', basisId: 'b1', relevantDate: '2019-06-01', disposal: 'custody', custodialMonths: 36 } });
if (mode === 'live') {
  await measured('live', child.pid!, () => autocannon({ url: `http://127.0.0.1:${port}/health/live`, connections: 50, duration: 10 }));
  if (process.env.ONLY) { child.kill('SIGTERM'); await new Promise((r) => child.once('exit', r)); process.exit(0); }
  const a = await autocannon({ url: `http://127.0.0.1:${port}/areas`, connections: 50, duration: 10, headers: { authorization: `Bearer ${reviewer}` } });
  console.log('areas(auth)', a.requests.average, a.latency.p50, a.latency.p99, a.non2xx);
  child.kill('SIGTERM'); await new Promise((r) => child.once('exit', r)); process.exit(0);
}
let next = 0;
const r = await measured('commands', child.pid!, () => autocannon({ url: `http://127.0.0.1:${port}`, connections: 50, duration: 10, requests: [{ method: 'POST', headers: { authorization: `Bearer ${coordinator}`, 'content-type': 'application/json' }, setupRequest: (q: any) => { const n = next++; return { ...q, path: `/cases/bench-${n}/commands`, body: referral(n) }; } }] }));
if (mode === 'both') {
  let k = 0; const written = r.requests.total;
  await measured('reads', child.pid!, () => autocannon({ url: `http://127.0.0.1:${port}`, connections: 50, duration: 10, requests: [{ method: 'GET', headers: { authorization: `Bearer ${reviewer}` }, setupRequest: (q: any) => ({ ...q, path: `/cases/bench-${k++ % written}` }) }] }));
}
child.kill('SIGTERM');
await new Promise((r) => child.once('exit', r));
