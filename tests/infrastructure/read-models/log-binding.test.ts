import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { manualClock } from '../../../src/infrastructure/clock.js';
import { caseCommandHandler } from '../../../src/infrastructure/command-handler/handle-case-command.js';
import type { EventStore } from '../../../src/infrastructure/eventstore/eventstore.js';
import { openSqliteEventStore } from '../../../src/infrastructure/eventstore/sqlite/index.js';
import { ProjectionsInThread } from '../../../src/infrastructure/read-models/projections-in-thread.js';
import { ReadModels } from '../../../src/infrastructure/read-models/read-models.js';
import { refer } from '../../domain/case/support/builders.js';
import { makeTempDir } from '../../support/temp-dir.js';

const actor = { id: 'c-1', role: 'coordinator', agency: 'police' } as const;
const referCase = (store: EventStore, caseId: string) =>
  caseCommandHandler({ store, clock: manualClock('2026-11-24T10:00:00.000Z') })(caseId, refer({ subject: { ref: 'DISTINCTIVE-REF-77', dateOfBirth: '1970-03-15' } }), { areas: '*', actor });

/** The cases the read models list, after bringing them up to the store's log. */
async function caseloadAfterStart(store: EventStore, readModels: string, reasons: string[]): Promise<string[]> {
  const projections = new ProjectionsInThread(store, readModels, { onRebuildFromLog: (reason) => reasons.push(reason) });
  try {
    await projections.catchUp();
    return projections.readModels.caseload(undefined).map((entry) => entry.caseId);
  } finally {
    await projections.close();
  }
}

describe('read models are bound to the log they were built from', () => {
  let dir: ReturnType<typeof makeTempDir> | undefined;
  afterEach(() => dir?.remove());

  it('a restart on the same log goes on from the checkpoint: nothing is rebuilt', async () => {
    dir = makeTempDir('binding');
    const store = openSqliteEventStore(join(dir.path, 'mappa.db'));
    const reasons: string[] = [];
    await referCase(store, 'a');
    expect(await caseloadAfterStart(store, join(dir.path, 'rm.db'), reasons)).toEqual(['a']);
    await referCase(store, 'b');
    expect(await caseloadAfterStart(store, join(dir.path, 'rm.db'), reasons)).toEqual(['a', 'b']);
    expect(reasons).toEqual([]);
    await store.close();
  });

  it('Regression: after switching MAPPA_STORE the caseload came from the old store; now the read models are rebuilt from the new one', async () => {
    dir = makeTempDir('binding');
    const readModels = join(dir.path, 'rm.db');
    const first = openSqliteEventStore(join(dir.path, 'first.db'));
    const second = openSqliteEventStore(join(dir.path, 'second.db'));
    await referCase(first, 'only-in-first');
    await referCase(second, 'only-in-second');
    const reasons: string[] = [];
    expect(await caseloadAfterStart(first, readModels, reasons)).toEqual(['only-in-first']);
    expect(await caseloadAfterStart(second, readModels, reasons)).toEqual(['only-in-second']);
    expect(reasons).toEqual([expect.stringContaining('built from another event store')]);
    await Promise.all([first.close(), second.close()]);
  });

  it('Regression: after restoring an older copy of the log, a newly referred case never appeared; now the read models are rebuilt', async () => {
    dir = makeTempDir('binding');
    const path = join(dir.path, 'mappa.db');
    const readModels = join(dir.path, 'rm.db');
    let store = openSqliteEventStore(path);
    await referCase(store, 'before-backup');
    await store.close();
    copyFileSync(path, join(dir.path, 'backup.db'));
    store = openSqliteEventStore(path);
    await referCase(store, 'after-backup');
    const reasons: string[] = [];
    expect(await caseloadAfterStart(store, readModels, reasons)).toEqual(['after-backup', 'before-backup']);
    await store.close();

    // Restored: the log ends before the read models' checkpoint.
    copyFileSync(join(dir.path, 'backup.db'), path);
    store = openSqliteEventStore(path);
    expect(await caseloadAfterStart(store, readModels, reasons)).toEqual(['before-backup']);
    expect(reasons).toEqual([expect.stringContaining('ends before the read models\' checkpoint')]);
    await store.close();

    // Restored again, and written to before the server started: another event sits at the checkpoint.
    copyFileSync(path, join(dir.path, 'ahead.db'));
    store = openSqliteEventStore(join(dir.path, 'ahead.db'));
    await referCase(store, 'moved-ahead');
    expect(await caseloadAfterStart(store, readModels, [])).toEqual(['before-backup', 'moved-ahead']);
    await store.close();
    copyFileSync(join(dir.path, 'backup.db'), path);
    store = openSqliteEventStore(path);
    await referCase(store, 'referred-after-restore');
    reasons.length = 0;
    expect(await caseloadAfterStart(store, readModels, reasons)).toEqual(['before-backup', 'referred-after-restore']);
    expect(reasons).toEqual([expect.stringContaining('holds another event at the read models\' checkpoint')]);
    // The reasons name no person: no subject reference reaches the log line.
    expect(reasons.join(' ')).not.toContain('DISTINCTIVE-REF-77');
    await store.close();
  });

  it('read models written before the binding existed are rebuilt once, then followed', async () => {
    dir = makeTempDir('binding');
    const store = openSqliteEventStore(join(dir.path, 'mappa.db'));
    const readModels = join(dir.path, 'rm.db');
    await referCase(store, 'a');
    await caseloadAfterStart(store, readModels, []);
    const old = new ReadModels(readModels);
    old.clear();
    old.apply([], [], { position: 1n, eventId: 'ignored' });
    old.close();
    const reasons: string[] = [];
    expect(await caseloadAfterStart(store, readModels, reasons)).toEqual(['a']);
    expect(await caseloadAfterStart(store, readModels, reasons)).toEqual(['a']);
    expect(reasons).toEqual([expect.stringContaining('do not record which event log')]);
    await store.close();
  });
});
