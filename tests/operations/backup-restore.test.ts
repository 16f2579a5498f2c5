import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { NATIONAL } from '../../src/domain/shared/areas.js';
import { returnAsText } from '../../src/projections/annual-return/render-text.js';
import { mintToken } from '../../src/infrastructure/auth/mint-token.js';
import type { EventStore, StoredEvent } from '../../src/infrastructure/eventstore/eventstore.js';
import { openMemoryEventStore } from '../../src/infrastructure/eventstore/memory.js';
import { openSqliteEventStore } from '../../src/infrastructure/eventstore/sqlite/index.js';
import { checkStoreFile } from '../../src/infrastructure/backup/sqlite-backup.js';
import { SubjectKeysSqlite } from '../../src/infrastructure/personal-data/subject-keys-sqlite.js';
import { ProjectionsInThread } from '../../src/infrastructure/read-models/projections-in-thread.js';
import { refer } from '../domain/case/support/builders.js';
import { AREAS } from '../support/case-history.arbitrary.js';
import { generatedScripts, issueScripts } from '../support/generated-caseload.js';
import { MAPPA_CLI, runTs } from '../support/run-process.js';
import { startServerProcess, type ServerProcess } from '../support/server-process.js';
import { makeTempDir } from '../support/temp-dir.js';

const SECRET = 'backup-restore-secret-0123456789abcdefghij';

async function allEvents(store: EventStore): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  for await (const event of store.readAll({ batchSize: 5000 })) events.push(event);
  return events;
}

/** Every return of the years the histories span, for every area and the nation: JSON and the report layout. */
async function everyReturn(store: EventStore): Promise<string> {
  const projections = new ProjectionsInThread(store, ':memory:');
  try {
    await projections.catchUp();
    const out: string[] = [];
    for (let year = 2006; year <= 2031; year++) {
      const reportingYear = `${year}-${String((year + 1) % 100).padStart(2, '0')}`;
      for (const area of [...AREAS, NATIONAL]) {
        const result = await projections.annualReturn({ area, reportingYear });
        out.push(JSON.stringify(result), returnAsText(result));
      }
    }
    return out.join('\n');
  } finally {
    await projections.close();
  }
}

/** The log up to a position, copied event for event (ids, streams, data, metadata) into a store of its own. */
async function logUpTo(events: readonly StoredEvent[], position: bigint): Promise<EventStore> {
  const copy = openMemoryEventStore();
  for (const e of events.filter((event) => event.globalPosition <= position)) {
    await copy.appendToStream(e.streamName, [{ eventId: e.eventId, type: e.type, data: e.data, metadata: e.metadata }], { expectedVersion: e.streamPosition - 1 });
  }
  return copy;
}

const comparable = (e: StoredEvent) => [String(e.globalPosition), e.eventId, e.streamName, e.streamPosition, e.type, e.data, e.metadata];

describe('mappa backup and mappa restore', () => {
  let dirs: ReturnType<typeof makeTempDir>[] = [];
  let server: ServerProcess | undefined;
  afterEach(() => {
    server?.kill();
    for (const dir of dirs) dir.remove();
    dirs = [];
  });
  const tempDir = (label: string) => {
    const dir = makeTempDir(label);
    dirs.push(dir);
    return dir.path;
  };

  it('a backup taken while another process writes, restored into a fresh directory: the same events, the same returns byte for byte, and the key store beside it opens their subjects', async () => {
    const live = tempDir('backup-live');
    // Four writers run flat out for as long as the backup takes: no rate limit in their way.
    const liveEnv = { MAPPA_STORE: `sqlite:${join(live, 'mappa.db')}`, MAPPA_DATA_DIR: live, MAPPA_JWT_SECRET: SECRET, MAPPA_LOG_LEVEL: 'silent', MAPPA_RATE_LIMIT_MAX: '1000000' };
    const seeded = openSqliteEventStore(join(live, 'mappa.db'));
    await issueScripts(seeded, generatedScripts(400, 20261203));
    await seeded.close();
    server = await startServerProcess(liveEnv);

    // The server process writes throughout: four clients referring new cases, each answer noted.
    const token = await mintToken({ sub: 'writer', role: 'coordinator', agency: 'police', areas: '*' }, { secret: SECRET });
    const acknowledged: { caseId: string; at: number }[] = [];
    let writing = true;
    const writers = Array.from({ length: 4 }, async (_, w) => {
      for (let n = 0; writing; n++) {
        const caseId = `w${w}-${n}`;
        const response = await fetch(`${server!.base}/cases/${caseId}/commands`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify(refer({ area: 'cumbria' })),
        });
        expect(response.status).toBe(201);
        acknowledged.push({ caseId, at: performance.now() });
      }
    });
    while (acknowledged.length < 20) await new Promise((resolve) => setTimeout(resolve, 20));

    const backupFile = join(tempDir('backup-file'), 'mappa-backup.db');
    const backupStarted = performance.now();
    const backup = await runTs(MAPPA_CLI, ['backup', backupFile], liveEnv);
    const backupEnded = performance.now();
    const writtenDuring = acknowledged.filter((a) => a.at > backupStarted && a.at < backupEnded).length;
    while (acknowledged.filter((a) => a.at > backupEnded).length < 20) await new Promise((resolve) => setTimeout(resolve, 20));
    writing = false;
    await Promise.all(writers);
    expect(await server.stop()).toBe(0);

    expect(backup.code).toBe(0);
    expect(backup.stdout).toMatch(/backed up the event store .*: \d+ events, last position \d+, store id [0-9a-f-]{36}, integrity ok/);
    expect(backup.stdout).toMatch(/backed up the key store .*mappa-keys\.db to .*mappa-backup\.db\.keys: [1-9]\d* keys, 0 destroyed, integrity ok/);
    expect(existsSync(`${backupFile}.keys`)).toBe(true);
    expect(writtenDuring).toBeGreaterThan(0);

    const restoredDir = tempDir('backup-restored');
    const restoredEnv = { MAPPA_STORE: `sqlite:${join(restoredDir, 'mappa.db')}`, MAPPA_DATA_DIR: restoredDir, MAPPA_LOG_LEVEL: 'silent' };
    const restore = await runTs(MAPPA_CLI, ['restore', backupFile], restoredEnv);
    expect(restore.code).toBe(0);
    expect(restore.stdout).toContain('restored the event store');
    expect(restore.stdout).toMatch(/restored the key store .*mappa-keys\.db from .*mappa-backup\.db\.keys: [1-9]\d* keys, 0 destroyed/);

    const original = openSqliteEventStore(join(live, 'mappa.db'));
    const restored = openSqliteEventStore(join(restoredDir, 'mappa.db'));
    try {
      const originalEvents = await allEvents(original);
      const restoredEvents = await allEvents(restored);
      const cut = restoredEvents[restoredEvents.length - 1]!.globalPosition;
      // One consistent cut: exactly the original log up to a position, gap-free, event for event.
      expect(restoredEvents.map(comparable)).toEqual(originalEvents.filter((e) => e.globalPosition <= cut).map(comparable));
      expect(originalEvents.length).toBeGreaterThan(restoredEvents.length);
      // Every case acknowledged before the backup began is in it (the newest was in the WAL).
      const restoredCases = new Set(restoredEvents.map((e) => e.streamName));
      for (const a of acknowledged.filter((a) => a.at < backupStarted)) expect(restoredCases).toContain(`mappa-case-${a.caseId}`);
      expect(await restored.storeId()).toBe(await original.storeId());

      expect(await everyReturn(restored)).toBe(await everyReturn(await logUpTo(originalEvents, cut)));
      // The subjects the server referred are sealed in the log: only the restored key store opens them.
      const referral = restoredEvents.filter((e) => e.streamName === `mappa-case-${acknowledged[0]!.caseId}`).map((e) => e.data);
      expect(referral).not.toHaveLength(0);
      expect(JSON.stringify(referral)).not.toContain('SUBJ-0001');
    } finally {
      await Promise.all([original.close(), restored.close()]);
    }

    // The command line serves the restored store: the same bytes as from the original log at the cut.
    const printed = await runTs(MAPPA_CLI, ['return', '--year', '2026-27', '--area', 'cumbria', '--format', 'text'], restoredEnv);
    expect(printed.code).toBe(0);
    expect(printed.stdout).toContain('Cumbria');

    // A server on the restored pair opens a subject sealed before the backup.
    server = await startServerProcess({ ...restoredEnv, MAPPA_JWT_SECRET: SECRET });
    const view = await fetch(`${server.base}/cases/${acknowledged[0]!.caseId}`, { headers: { authorization: `Bearer ${token}` } });
    expect(view.status).toBe(200);
    expect(((await view.json()) as { subject: unknown }).subject).toEqual({ ref: 'SUBJ-0001', dateOfBirth: '1970-03-15' });
    expect(await server.stop()).toBe(0);
  }, 300_000);

  it('restore refuses a file that is not a mappa store, a damaged one, and an existing store without --replace', async () => {
    const dir = tempDir('restore-refusals');
    const env = (name: string) => ({ MAPPA_STORE: `sqlite:${join(dir, name, 'mappa.db')}`, MAPPA_DATA_DIR: join(dir, name), MAPPA_LOG_LEVEL: 'silent' });
    writeFileSync(join(dir, 'notes.txt'), 'not a database at all, but long enough to look like a file someone might restore by mistake\n'.repeat(100));
    const notADatabase = await runTs(MAPPA_CLI, ['restore', join(dir, 'notes.txt')], env('a'));
    expect(notADatabase.code).toBe(2);
    expect(notADatabase.stderr).toMatch(/^mappa: <file>: .*notes\.txt is not a usable mappa event store: .*; nothing was restored\n$/);

    const other = new (await import('better-sqlite3')).default(join(dir, 'other.db'));
    other.exec('CREATE TABLE something (x); INSERT INTO something VALUES (1);');
    other.close();
    const notMappa = await runTs(MAPPA_CLI, ['restore', join(dir, 'other.db')], env('a'));
    expect(notMappa.code).toBe(2);
    expect(notMappa.stderr).toContain('it has no events table');

    const source = openSqliteEventStore(join(dir, 'source', 'mappa.db'));
    await issueScripts(source, generatedScripts(40, 7));
    await source.close();
    // Its key store, as a server leaves it (it makes the file on start).
    await new SubjectKeysSqlite(join(dir, 'source', 'mappa-keys.db')).close();
    const good = await runTs(MAPPA_CLI, ['backup', join(dir, 'good.db')], env('source'));
    expect(good.code).toBe(0);
    const again = await runTs(MAPPA_CLI, ['backup', join(dir, 'good.db')], env('source'));
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already exists');

    // A backup damaged in the middle: a b-tree page overwritten.
    const bytes = readFileSync(join(dir, 'good.db'));
    const pageSize = bytes.readUInt16BE(16);
    bytes.fill(0x5a, pageSize * 2, pageSize * 2 + 64);
    writeFileSync(join(dir, 'damaged.db'), bytes);
    const damaged = await runTs(MAPPA_CLI, ['restore', join(dir, 'damaged.db')], env('b'));
    expect(damaged.code).toBe(2);
    expect(damaged.stderr).toMatch(/is not a usable mappa event store: (PRAGMA integrity_check|database disk image is malformed)/);

    // The event store's copy alone, without the key store's beside it: refused, nothing restored.
    copyFileSync(join(dir, 'good.db'), join(dir, 'lonely.db'));
    const lonely = await runTs(MAPPA_CLI, ['restore', join(dir, 'lonely.db')], env('d'));
    expect(lonely.code).toBe(2);
    expect(lonely.stderr).toMatch(/lonely\.db\.keys is not a usable mappa key store: no such file; nothing was restored/);
    expect(existsSync(join(dir, 'd', 'mappa.db'))).toBe(false);
    // A key store's place taken by an event store: refused for want of the keys table.
    copyFileSync(join(dir, 'good.db'), join(dir, 'swapped.db'));
    copyFileSync(join(dir, 'good.db'), join(dir, 'swapped.db.keys'));
    const swapped = await runTs(MAPPA_CLI, ['restore', join(dir, 'swapped.db')], env('d'));
    expect(swapped.code).toBe(2);
    expect(swapped.stderr).toContain('swapped.db.keys is not a usable mappa key store: it has no subject_keys table');

    expect((await runTs(MAPPA_CLI, ['restore', join(dir, 'good.db')], env('c'))).code).toBe(0);
    const over = await runTs(MAPPA_CLI, ['restore', join(dir, 'good.db')], env('c'));
    expect(over.code).toBe(2);
    expect(over.stderr).toContain('MAPPA_STORE: ');
    expect(over.stderr).toContain('--replace');
    expect((await runTs(MAPPA_CLI, ['restore', join(dir, 'good.db'), '--replace'], env('c'))).code).toBe(0);
  }, 180_000);

  it('a key store backed up before an erasure, restored beside a log that records it: the subject still reads { erased: true } after start', async () => {
    const dir = tempDir('backup-erasure');
    const env = (name: string) => ({ MAPPA_STORE: `sqlite:${join(dir, name, 'mappa.db')}`, MAPPA_DATA_DIR: join(dir, name), MAPPA_JWT_SECRET: SECRET });
    const coordinator = await mintToken({ sub: 'coord', role: 'coordinator', agency: 'probation', areas: '*' }, { secret: SECRET });
    const officer = await mintToken({ sub: 'dpo', role: 'data-protection', agency: 'police', areas: '*' }, { secret: SECRET });
    const post = (body: unknown, who: string) =>
      fetch(`${server!.base}/cases/erase-1/commands`, { method: 'POST', headers: { authorization: `Bearer ${who}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const subjectOf = async () => {
      const response = await fetch(`${server!.base}/cases/erase-1`, { headers: { authorization: `Bearer ${coordinator}` } });
      expect(response.status).toBe(200);
      return ((await response.json()) as { subject: unknown }).subject;
    };

    server = await startServerProcess({ ...env('live'), MAPPA_LOG_LEVEL: 'silent' });
    expect((await post(refer({ subject: { ref: 'SUBJ-BACKUP-1', dateOfBirth: '1970-03-15' } }), coordinator)).status).toBe(201);
    const before = await runTs(MAPPA_CLI, ['backup', join(dir, 'before.db')], env('live'));
    expect(before.code).toBe(0);
    expect(before.stdout).toContain('1 keys, 0 destroyed, integrity ok');
    expect((await post({ type: 'EraseSubjectData', reason: 'erasure ordered by the court' }, officer)).status).toBe(201);
    expect(await subjectOf()).toEqual({ erased: true });
    const after = await runTs(MAPPA_CLI, ['backup', join(dir, 'after.db')], env('live'));
    expect(after.stdout).toContain('0 keys, 1 destroyed, integrity ok');
    expect(await server.stop()).toBe(0);
    // No key store file holds the key's bytes as stdout: the summaries are counts.
    expect(before.stdout + after.stdout).not.toMatch(/[0-9a-f]{64}/);

    // The log from after the erasure, the key store from before it (the key still in it).
    copyFileSync(join(dir, 'after.db'), join(dir, 'mixed.db'));
    copyFileSync(join(dir, 'before.db.keys'), join(dir, 'mixed.db.keys'));
    const restore = await runTs(MAPPA_CLI, ['restore', join(dir, 'mixed.db')], env('restored'));
    expect(restore.code).toBe(0);
    expect(restore.stdout).toContain('1 keys, 0 destroyed');

    server = await startServerProcess({ ...env('restored'), MAPPA_LOG_LEVEL: 'warn' });
    expect(await subjectOf()).toEqual({ erased: true });
    expect(server.output()).toContain('destroyed again');
    expect(server.output()).not.toContain('SUBJ-BACKUP-1');
    expect(await server.stop()).toBe(0);
    expect(checkStoreFile(join(dir, 'restored', 'mappa-keys.db'), 'key store')).toEqual({ kind: 'key store', keys: 0, destroyed: 1 });
  }, 120_000);
});
