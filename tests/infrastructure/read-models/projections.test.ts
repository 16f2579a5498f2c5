import { createHash } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { NATIONAL } from '../../../src/domain/shared/areas.js';
import { streams } from '../../../src/infrastructure/eventstore/stream-names.js';
import { openSqliteEventStore, type SqliteEventStore } from '../../../src/infrastructure/eventstore/sqlite/index.js';
import { RecentCaseStreams } from '../../../src/infrastructure/read-models/recent-case-streams.js';
import { applyBatch } from '../../../src/infrastructure/read-models/projection-runner.js';
import { ProjectionsInThread } from '../../../src/infrastructure/read-models/projections-in-thread.js';
import { ReadModels } from '../../../src/infrastructure/read-models/read-models.js';
import { AREAS } from '../../support/case-history.arbitrary.js';
import { generatedScripts, issueScripts } from '../../support/generated-caseload.js';
import { makeTempDir } from '../../support/temp-dir.js';

const hash = (text: string) => createHash('sha256').update(text).digest('hex');

/** Every return any analyst could ask of these histories, as the bytes they would receive. */
async function allReturns(projections: ProjectionsInThread): Promise<string> {
  const out: string[] = [];
  for (let year = 2004; year <= 2033; year++) {
    const reportingYear = `${year}-${String((year + 1) % 100).padStart(2, '0')}`;
    for (const area of [...AREAS, NATIONAL]) out.push(JSON.stringify(await projections.annualReturn({ area, reportingYear })));
  }
  return out.join('\n');
}

describe('projections of the caseload and the annual return (docs/CHECKS.md P1-P5)', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  function setup() {
    const dir = makeTempDir('projections');
    const store = openSqliteEventStore(join(dir.path, 'events.db'));
    const open = (name = 'read-models.db') => {
      const projections = new ProjectionsInThread(store, join(dir.path, name));
      cleanups.push(() => projections.close());
      return projections;
    };
    cleanups.push(() => dir.remove(), () => store.close());
    return { dir, store, open };
  }

  const lastPosition = async (store: SqliteEventStore) => {
    let last = 0n;
    for await (const e of store.readAll({ streamPrefixes: [streams.casePrefix, streams.areaPrefix] })) last = e.globalPosition;
    return last;
  };

  it('P1: after thousands of random accepted commands, a rebuild from position 0 equals the live projection', async () => {
    const { store, open } = setup();
    const live = open();
    await live.start();
    const { accepted } = await issueScripts(store, generatedScripts(260, 20261124));
    expect(accepted).toBeGreaterThan(2000);
    await live.caughtUpTo(await lastPosition(store));
    const rebuilt = open('rebuilt.db');
    await rebuilt.start();
    expect(hash(rebuilt.readModels.dump())).toBe(hash(live.readModels.dump()));
    expect(hash(await allReturns(rebuilt))).toBe(hash(await allReturns(live)));
  });

  it('P2: every event delivered twice changes nothing', async () => {
    const { store, open } = setup();
    await issueScripts(store, generatedScripts(40, 7));
    const once = open('once.db');
    await once.start();
    const twice = new ReadModels(':memory:');
    const twiceKept = new ReadModels(':memory:');
    const kept = new RecentCaseStreams();
    cleanups.push(() => twice.close(), () => twiceKept.close());
    const log = [];
    for await (const e of store.readAll({ streamPrefixes: [streams.casePrefix, streams.areaPrefix] })) log.push(e);
    // Each event arrives twice: inside one batch, and again in the next batch, which straddles the checkpoint.
    for (let i = 0; i < log.length; i += 50) {
      const batch = log.slice(i, i + 50);
      const previous = log.slice(Math.max(0, i - 25), i);
      await applyBatch(store, twice, [...previous, ...batch.flatMap((e) => [e, e])]);
      await applyBatch(store, twice, batch);
      await applyBatch(store, twiceKept, [...previous, ...batch.flatMap((e) => [e, e])], kept);
      await applyBatch(store, twiceKept, batch, kept);
    }
    expect(twice.dump()).toBe(once.readModels.dump());
    // The same through the runner's stream cache, which then reads no stream it has kept.
    expect(twiceKept.dump()).toBe(once.readModels.dump());
  });

  it('P3: a crash between the projection write and its checkpoint applies nothing twice and skips nothing', async () => {
    const { dir, store, open } = setup();
    await issueScripts(store, generatedScripts(30, 11));
    const projections = open();
    await projections.start();
    const before = projections.readModels.dump();
    // The checkpoint write fails inside the batch's transaction, as a crash there would leave it.
    const raw = new Database(join(dir.path, 'read-models.db'));
    raw.exec("CREATE TRIGGER crash BEFORE UPDATE ON checkpoint BEGIN SELECT RAISE(ABORT, 'crashed before the checkpoint'); END;");
    await issueScripts(store, generatedScripts(30, 12).map((s) => s.slice(0, 10)));
    await expect(projections.caughtUpTo(await lastPosition(store), 3000)).rejects.toThrow(/crashed before the checkpoint/);
    expect(projections.status().state).toBe('failed');
    expect(projections.readModels.dump()).toBe(before);
    raw.exec('DROP TRIGGER crash');
    raw.close();
    await projections.stop();
    await projections.start();
    await projections.caughtUpTo(await lastPosition(store));
    const rebuilt = open('rebuilt.db');
    await rebuilt.start();
    expect(projections.readModels.dump()).toBe(rebuilt.readModels.dump());
  });

  it('P4: deleting every read model and rebuilding gives the same annual return, byte for byte', async () => {
    const { dir, store, open } = setup();
    await issueScripts(store, generatedScripts(80, 3));
    const first = open();
    await first.start();
    const returns = await allReturns(first);
    await first.close();
    const { rmSync } = await import('node:fs');
    for (const suffix of ['', '-wal', '-shm']) rmSync(join(dir.path, `read-models.db${suffix}`), { force: true });
    const again = open();
    await again.start();
    expect(await allReturns(again)).toBe(returns);
    const rebuiltInPlace = await again.rebuild();
    expect(rebuiltInPlace.events).toBeGreaterThan(0);
    expect(await allReturns(again)).toBe(returns);
  });

  it('P5: an unknown event type stops the projection loudly; it is never skipped', async () => {
    const { store, open } = setup();
    await issueScripts(store, generatedScripts(5, 5));
    const projections = open();
    await projections.start();
    const good = projections.readModels.checkpoint();
    const before = projections.readModels.dump();
    await store.appendToStream(streams.case('gen-0'), [
      { eventId: crypto.randomUUID(), type: 'OffenderAbducted', data: { occurredOn: '2020-01-01' }, metadata: { schemaVersion: 1, recordedAt: '2032-01-01T00:00:00.000Z' } },
    ]);
    await store.appendToStream(streams.case('gen-1'), [
      { eventId: crypto.randomUUID(), type: 'CaseClosed', data: { occurredOn: '2020-01-01', reason: 'other' }, metadata: { schemaVersion: 7, recordedAt: '2032-01-01T00:00:00.000Z' } },
    ]);
    await expect(projections.caughtUpTo(await lastPosition(store), 3000)).rejects.toThrow(/OffenderAbducted v1: unknown event type/);
    expect(projections.status()).toMatchObject({ state: 'failed', checkpoint: good });
    expect(projections.readModels.dump()).toBe(before);
    await expect(projections.rebuild()).rejects.toThrow(/unknown event type/);
  });
});
