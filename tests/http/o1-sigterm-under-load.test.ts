import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { mintToken } from '../../src/infrastructure/auth/mint-token.js';
import { refer } from '../domain/case/support/builders.js';
import { freePort } from '../support/free-port.js';
import { MAIN, REPO } from '../support/run-process.js';
import { makeTempDir } from '../support/temp-dir.js';

const SECRET = 'o1-secret-for-the-sigterm-test-0123456789abcdef';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Sent = { readonly startedAt: number; readonly status: number | 'network-error'; readonly body: unknown; readonly caseId: string; readonly kind: 'refer' | 'meeting' };

/** docs/CHECKS.md O1: SIGTERM under load: readiness fails first, in-flight requests finish, exit 0, no partial write. */
describe('O1: SIGTERM under load', () => {
  let child: ChildProcess | undefined;
  let dir: ReturnType<typeof makeTempDir> | undefined;
  afterEach(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    dir?.remove();
  });

  it('the real server on SQLite drains and stops cleanly', async () => {
    dir = makeTempDir('o1');
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const dbPath = join(dir.path, 'mappa.db');
    const server: ChildProcess = spawn(process.execPath, ['--import', 'tsx', MAIN], {
      cwd: REPO,
      env: {
        PATH: process.env['PATH'] ?? '', PORT: String(port), MAPPA_STORE: `sqlite:${dbPath}`, MAPPA_DATA_DIR: dir.path,
        MAPPA_JWT_SECRET: SECRET, MAPPA_LOG_LEVEL: 'warn', MAPPA_SHUTDOWN_DRAIN_MS: '1500', MAPPA_RATE_LIMIT_MAX: '1000000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = server;
    let stderr = '';
    server.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => server.on('exit', (code) => resolve(code)));

    for (let attempt = 0; ; attempt++) {
      const ready = await fetch(`${base}/health/ready`).then((r) => r.status, () => 0);
      if (ready === 200) break;
      if (attempt > 200) throw new Error(`server not ready: ${stderr}`);
      await sleep(50);
    }

    const token = await mintToken({ sub: 'loader', role: 'coordinator', agency: 'police', areas: ['cumbria'] }, { secret: SECRET });
    const sent: Sent[] = [];
    let stop = false;
    const post = async (caseId: string, body: unknown, kind: Sent['kind']) => {
      const startedAt = performance.now();
      try {
        const response = await fetch(`${base}/cases/${caseId}/commands`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        const answer = { startedAt, status: response.status, body: await response.json(), caseId, kind } as const;
        sent.push(answer);
        return answer;
      } catch {
        sent.push({ startedAt, status: 'network-error', body: null, caseId, kind });
        return null;
      }
    };
    const workers = Array.from({ length: 16 }, async (_, worker) => {
      for (let n = 0; !stop; n++) {
        const caseId = `w${worker}-${n}`;
        const referred = await post(caseId, refer(), 'refer');
        if (referred === null || referred.status !== 201) {
          if (referred?.status === 503 || referred === null) await sleep(20);
          continue;
        }
        await post(caseId, { type: 'RecordMappMeeting', occurredOn: '2009-01-05', meetingId: 'm-1', level: 2, kind: 'initial', agencies: ['police'] }, 'meeting');
      }
    });

    await sleep(1500);
    const sigtermAt = performance.now();
    server.kill('SIGTERM');
    // Readiness fails first, while the server still answers (the drain is long enough for several
    // probes even when a loaded machine slows each one).
    const readiness: number[] = [];
    for (let i = 0; i < 8; i++) {
      readiness.push(await fetch(`${base}/health/ready`).then((r) => r.status, () => 0));
      await sleep(40);
    }
    const code = await exited;
    stop = true;
    await Promise.all(workers);

    expect(code).toBe(0);
    // (The first probe may beat the signal's delivery.) Readiness turns 503 before the server
    // stops answering at all.
    expect(readiness.find((status) => status !== 200)).toBe(503);
    expect(readiness.filter((status) => status === 503).length).toBeGreaterThanOrEqual(3);
    // Every request sent before the signal finished with its real answer.
    const before = sent.filter((s) => s.startedAt < sigtermAt);
    expect(before.length).toBeGreaterThan(50);
    expect(before.filter((s) => s.status !== 201)).toEqual([]);
    // Requests kept being served during the drain, though readiness had failed.
    expect(sent.some((s) => s.startedAt > sigtermAt && s.status === 201)).toBe(true);

    // No acknowledged event is missing and no batch is partial.
    const db = new Database(dbPath, { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const rows = db.prepare("SELECT stream_name AS stream, type, event_id AS id FROM events WHERE stream_name LIKE 'mappa-case-%'").all() as { stream: string; type: string; id: string }[];
      const ids = new Set(rows.map((r) => r.id));
      const acknowledged = sent.filter((s) => s.status === 201);
      for (const answer of acknowledged) {
        for (const event of (answer.body as { events: { eventId: string }[] }).events) expect(ids.has(event.eventId)).toBe(true);
      }
      const byStream = new Map<string, string[]>();
      for (const row of rows) byStream.set(row.stream, [...(byStream.get(row.stream) ?? []), row.type]);
      for (const [stream, types] of byStream) {
        const meetings = types.filter((t) => t === 'MappMeetingRecorded').length;
        const levels = types.filter((t) => t === 'ManagementLevelChanged').length;
        expect({ stream, meetings, levels }).toEqual({ stream, meetings, levels: meetings });
      }
    } finally {
      db.close();
    }
  });
});
