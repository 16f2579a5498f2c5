import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ACCESS_STREAM_PREFIX } from '../../src/infrastructure/access-log/records.js';
import { replayCase } from '../../src/infrastructure/cli/replay-command.js';
import { manualClock } from '../../src/infrastructure/clock.js';
import { caseCommandHandler } from '../../src/infrastructure/command-handler/handle-case-command.js';
import { openMemoryEventStore } from '../../src/infrastructure/eventstore/memory.js';
import { openSqliteEventStore } from '../../src/infrastructure/eventstore/sqlite/index.js';
import { SealedPersonalData } from '../../src/infrastructure/personal-data/personal-data.js';
import { SubjectKeysSqlite } from '../../src/infrastructure/personal-data/subject-keys-sqlite.js';
import { refer } from '../domain/case/support/builders.js';
import { MAPPA_CLI, runTs } from '../support/run-process.js';
import { makeTempDir } from '../support/temp-dir.js';

const actor = { id: 'c-1', role: 'coordinator', agency: 'police' } as const;

describe('mappa replay', () => {
  let dir: ReturnType<typeof makeTempDir> | undefined;
  afterEach(() => dir?.remove());

  it('the history and the state as asked, recorded in the access log first', async () => {
    const store = openMemoryEventStore();
    const clock = manualClock('2026-11-24T10:00:00.000Z');
    const handle = caseCommandHandler({ store, clock });
    await handle('r-1', refer(), { areas: '*', actor });
    clock.set('2026-11-24T11:00:00.000Z');
    await handle('r-1', { type: 'RecordCustody', occurredOn: '2009-01-01', reason: 'sentence' }, { areas: '*', actor });

    const now = await replayCase(store, clock, 'r-1', { actor: 'ops-1', purpose: 'incident review' });
    expect(now.history.map((e) => [e.position, e.type])).toEqual([[0, 'OffenderReferred'], [1, 'TakenIntoCustody']]);
    expect(now.state).toMatchObject({ custody: { inCustody: true }, version: 1 });
    const before = await replayCase(store, clock, 'r-1', { asOf: '2008-12-31', knownAt: '2026-11-24T10:30:00Z' });
    expect(before.state).toMatchObject({ custody: { inCustody: false }, version: 0, asOf: '2008-12-31' });

    const records = [];
    for await (const event of store.readAll({ streamPrefixes: [ACCESS_STREAM_PREFIX] })) records.push(event.data);
    expect(records).toEqual([
      expect.objectContaining({ actor: { id: 'ops-1', role: 'reviewer', agency: 'other' }, channel: 'cli', resource: 'case-events', caseIds: ['r-1'], purpose: 'incident review', query: {} }),
      expect.objectContaining({ channel: 'cli', query: { asOf: '2008-12-31', knownAt: '2026-11-24T10:30:00Z' } }),
    ]);
    await expect(replayCase(store, clock, 'nobody', {})).rejects.toThrow('no such case');
    await expect(replayCase(store, clock, 'r-1', { asOf: '31/12/2008' })).rejects.toThrow('--as-of');
  });

  it('on the command line, against the configured store', async () => {
    dir = makeTempDir('replay');
    const dbPath = join(dir.path, 'mappa.db');
    const store = openSqliteEventStore(dbPath);
    // The key store the command finds by default beside the store: <MAPPA_DATA_DIR>/mappa-keys.db.
    const keys = new SubjectKeysSqlite(join(dir.path, 'mappa-keys.db'));
    await caseCommandHandler({ store, clock: manualClock('2026-11-24T10:00:00.000Z'), personalData: new SealedPersonalData(keys) })('cli-1', refer(), { areas: '*', actor });
    await store.close();
    await keys.close();
    const result = await runTs(MAPPA_CLI, ['replay', 'cli-1', '--as-of', '2009-01-01'], { MAPPA_STORE: `sqlite:${dbPath}`, MAPPA_DATA_DIR: dir.path });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('#0  2008-05-01  OffenderReferred');
    expect(result.stdout).toContain('"asOf": "2009-01-01"');
    // Sealed in the log, opened with the configured key store for the operator.
    expect(result.stdout).toContain('"ref": "SUBJ-0001"');
    const missing = await runTs(MAPPA_CLI, ['replay', 'nope'], { MAPPA_STORE: `sqlite:${dbPath}`, MAPPA_DATA_DIR: dir.path });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no such case: nope');
  });
});
