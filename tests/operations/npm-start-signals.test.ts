import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port.js';
import { REPO } from '../support/run-process.js';
import { makeTempDir } from '../support/temp-dir.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const portAccepts = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

/**
 * A supervisor (systemd, a container runtime, a shell's `kill`) signals the pid it started:
 * with `npm start` that is npm's. npm forwards SIGTERM and SIGINT to its child, the script's
 * shell, which dies without passing them on unless the script `exec`s node in its place.
 */
describe('Regression: SIGTERM to the pid of `npm start` left the server running', () => {
  let child: ChildProcess | undefined;
  let dir: ReturnType<typeof makeTempDir> | undefined;
  afterEach(() => {
    // npm runs in a process group of its own, so nothing it started outlives a failed test.
    if (child?.pid !== undefined) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // the group is gone already
      }
    }
    dir?.remove();
  });

  for (const [script, args, signal] of [
    ['npm start', ['start'], 'SIGTERM'],
    ['npm start', ['start'], 'SIGINT'],
    ['npm run mappa -- serve', ['run', 'mappa', '--', 'serve'], 'SIGTERM'],
  ] as const) {
    it(`${signal} to the pid of \`${script}\`: the server stops cleanly, npm exits 0 and the port closes`, async () => {
      dir = makeTempDir('npm-start');
      const port = await freePort();
      const started = spawn('npm', [...args], {
        cwd: REPO,
        env: { PATH: process.env['PATH'] ?? '', HOME: dir.path, PORT: String(port), MAPPA_STORE: `sqlite:${dir.path}/mappa.db`, MAPPA_DATA_DIR: dir.path, MAPPA_SHUTDOWN_DRAIN_MS: '0' },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      });
      child = started;
      let stdout = '';
      started.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => started.on('exit', (code, sig) => resolve({ code, signal: sig })));
      for (let attempt = 0; ; attempt++) {
        if ((await fetch(`http://127.0.0.1:${port}/health/live`).then((r) => r.status, () => 0)) === 200) break;
        if (attempt > 300) throw new Error(`server did not start: ${stdout}`);
        await sleep(100);
      }
      started.kill(signal);
      const result = await Promise.race([exited, sleep(15_000).then(() => 'still running' as const)]);
      expect(result).toEqual({ code: 0, signal: null });
      expect(stdout).toContain('"msg":"stopped"');
      expect(await portAccepts(port)).toBe(false);
    }, 60_000);
  }
});
