import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from './free-port.js';
import { MAIN, REPO } from './run-process.js';

export type ServerProcess = {
  readonly base: string;
  readonly child: ChildProcess;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL if still running (for afterEach). */
  kill(): void;
  output(): string;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `node --import tsx src/main.ts` with exactly this environment, once it answers /health/ready. */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    cwd: REPO,
    env: { PATH: process.env['PATH'] ?? '', PORT: String(port), MAPPA_LOG_LEVEL: 'warn', MAPPA_SHUTDOWN_DRAIN_MS: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const base = `http://127.0.0.1:${port}`;
  for (let attempt = 0; ; attempt++) {
    if ((await fetch(`${base}/health/ready`).then((r) => r.status, () => 0)) === 200) break;
    if (child.exitCode !== null || attempt > 300) {
      child.kill('SIGKILL');
      throw new Error(`server did not start: ${output}`);
    }
    await sleep(100);
  }
  return {
    base,
    child,
    stop: () => {
      child.kill('SIGTERM');
      return exited;
    },
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
    output: () => output,
  };
}
