import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/infrastructure/clock.js';
import { caseCommandHandler } from '../../src/infrastructure/command-handler/handle-case-command.js';
import { openSqliteEventStore } from '../../src/infrastructure/eventstore/sqlite/index.js';
import { refer } from '../domain/case/support/builders.js';
import { MAPPA_CLI, runTs } from '../support/run-process.js';
import { makeTempDir } from '../support/temp-dir.js';

const actor = { id: 'c-1', role: 'coordinator', agency: 'police' } as const;

describe('mappa return and mappa rebuild', () => {
  let dir: ReturnType<typeof makeTempDir> | undefined;
  afterEach(() => dir?.remove());

  async function storeWithCases() {
    dir = makeTempDir('return-cli');
    const dbPath = join(dir.path, 'mappa.db');
    const store = openSqliteEventStore(dbPath);
    const clock = manualClock('2009-06-01T10:00:00.000Z');
    const handle = caseCommandHandler({ store, clock });
    await handle('a', refer({ localUnit: 'North BCU' }), { areas: '*', actor });
    await handle('b', refer({ localUnit: 'South BCU', level: 2 }), { areas: '*', actor });
    clock.set('2009-07-01T10:00:00.000Z');
    await handle('b', { type: 'CloseCase', occurredOn: '2009-03-01', reason: 'risk-reduced' }, { areas: '*', actor });
    await store.close();
    return { MAPPA_STORE: `sqlite:${dbPath}`, MAPPA_DATA_DIR: dir.path, MAPPA_LOG_LEVEL: 'silent' };
  }

  it('prints a return in the report layout, CSV or JSON, bringing the read models up to date first', async () => {
    const env = await storeWithCases();
    const text = await runTs(MAPPA_CLI, ['return', '--year', '2008-09', '--area', 'cumbria'], env);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('MAPPA Statistical Information 2008/9 - Cumbria');
    expect(text.stdout).toContain('Number of MAPPA eligible offenders at 31 March 2009\nRegistered Sexual Offenders\t1\n');
    expect(text.stdout).toContain('North BCU\t1');
    expect(existsSync(join(dir!.path, 'read-models.db'))).toBe(true);

    const csv = await runTs(MAPPA_CLI, ['return', '--year', '2008-09', '--area', 'cumbria', '--format', 'csv'], env);
    expect(csv.stdout).toContain('R02,Offenders managed via MAPP meetings - Level 2,cat1,1');

    const json = JSON.parse((await runTs(MAPPA_CLI, ['return', '--year', '2008-09', '--area', 'england-and-wales', '--format', 'json', '--return-format', '2015'], env)).stdout);
    expect(json).toMatchObject({ area: 'england-and-wales', format: '2015' });
  });

  it('--known-at gives the return as it stood then: the closure recorded in July is not yet known in June', async () => {
    const env = await storeWithCases();
    const asSubmitted = JSON.parse((await runTs(MAPPA_CLI, ['return', '--year', '2008-09', '--area', 'cumbria', '--format', 'json', '--known-at', '2009-06-15T00:00:00Z'], env)).stdout);
    expect(asSubmitted.rows[0].cells).toEqual({ cat1: 2, cat2: 0, cat3: 0, total: 2 });
    const now = JSON.parse((await runTs(MAPPA_CLI, ['return', '--year', '2008-09', '--area', 'cumbria', '--format', 'json'], env)).stdout);
    expect(now.rows[0].cells).toEqual({ cat1: 1, cat2: 0, cat3: 0, total: 1 });
  });

  it('rebuild replaces the read models with a projection of the log: the same return after', async () => {
    const env = await storeWithCases();
    const before = (await runTs(MAPPA_CLI, ['return', '--year', '2008-09', '--area', 'cumbria', '--format', 'json'], env)).stdout;
    const rebuilt = await runTs(MAPPA_CLI, ['rebuild'], env);
    expect(rebuilt.code).toBe(0);
    expect(rebuilt.stdout).toMatch(/rebuilt .*read-models\.db: 3 events, 2 cases/);
    expect((await runTs(MAPPA_CLI, ['return', '--year', '2008-09', '--area', 'cumbria', '--format', 'json'], env)).stdout).toBe(before);
  });

  it('refuses a malformed year or area, naming the option', async () => {
    const env = await storeWithCases();
    const bad = await runTs(MAPPA_CLI, ['return', '--year', '2008', '--area', 'cumbria'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--year');
  });
});


