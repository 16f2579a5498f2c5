import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { mintToken } from '../../src/infrastructure/auth/mint-token.js';
import { refer } from '../domain/case/support/builders.js';
import { freePort } from '../support/free-port.js';
import { MAIN, REPO } from '../support/run-process.js';
import { makeTempDir } from '../support/temp-dir.js';

const SECRET = 'full-disk-secret-for-the-log-test-0123456789';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** A server that died or hung mid-request must fail the test, not time it out. */
const within = { get signal() { return AbortSignal.timeout(5000); } };

/**
 * The defect: with the disk under the application log full, pino's write failed with ENOSPC,
 * nothing handled it, and the process died. `/dev/full` fails every write with ENOSPC; the real
 * server (as `npm start` runs it, logging every request) writes its stdout there.
 */
describe.skipIf(!existsSync('/dev/full'))('a full disk under the application log crashed the server', () => {
  let child: ChildProcess | undefined;
  let dir: ReturnType<typeof makeTempDir> | undefined;
  afterEach(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    dir?.remove();
  });

  it('with stdout on /dev/full (ENOSPC on every write) it answers every request and stays up', { timeout: 90_000 }, async () => {
    dir = makeTempDir('full-log');
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const full = openSync('/dev/full', 'w');
    const server: ChildProcess = spawn(process.execPath, ['--import', 'tsx', MAIN], {
      cwd: REPO,
      env: {
        PATH: process.env['PATH'] ?? '', PORT: String(port), MAPPA_STORE: 'memory', MAPPA_DATA_DIR: dir.path,
        MAPPA_JWT_SECRET: SECRET, MAPPA_LOG_LEVEL: 'trace', MAPPA_SHUTDOWN_DRAIN_MS: '0',
      },
      stdio: ['ignore', full, 'pipe'],
    });
    closeSync(full);
    child = server;
    let stderr = '';
    server.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => server.on('exit', (code) => resolve(code)));

    const readyBy = Date.now() + 20_000;
    for (;;) {
      const ready = await fetch(`${base}/health/ready`, { signal: AbortSignal.timeout(1000) }).then((r) => r.status, () => 0);
      if (ready === 200) break;
      if (Date.now() > readyBy || server.exitCode !== null) throw new Error(`server not ready (exit ${server.exitCode}): ${stderr}`);
      await sleep(50);
    }

    const coordinator = { authorization: `Bearer ${await mintToken({ sub: 'c-1', role: 'coordinator', agency: 'police', areas: ['cumbria'] }, { secret: SECRET })}` };
    const reviewer = { authorization: `Bearer ${await mintToken({ sub: 'r-1', role: 'reviewer', agency: 'police', areas: ['cumbria'] }, { secret: SECRET })}` };
    const statuses: number[] = [];
    for (let n = 0; n < 40; n++) {
      const created = await fetch(`${base}/cases/disk-${n}/commands`, { ...within, method: 'POST', headers: { ...coordinator, 'content-type': 'application/json' }, body: JSON.stringify(refer()) });
      const read = await fetch(`${base}/cases/disk-${n}`, { ...within, headers: reviewer });
      // An error is logged too (500s are logged with their stack): a refused request and an unknown route.
      const refused = await fetch(`${base}/cases/disk-${n}/commands`, { ...within, method: 'POST', headers: { ...coordinator, 'content-type': 'application/json' }, body: '{' });
      const unknown = await fetch(`${base}/nowhere-${n}`, within);
      statuses.push(created.status, read.status, refused.status, unknown.status);
    }
    expect(new Set(statuses)).toEqual(new Set([201, 200, 400, 404]));
    expect(statuses).toHaveLength(160);

    // Still up after all that logging, and it still stops cleanly.
    await sleep(200);
    expect(server.exitCode).toBeNull();
    expect((await fetch(`${base}/health/live`)).status).toBe(200);
    server.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).not.toMatch(/ENOSPC|Unhandled|uncaught/i);
  });
});
