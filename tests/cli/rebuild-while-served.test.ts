import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/infrastructure/clock.js';
import { caseCommandHandler } from '../../src/infrastructure/command-handler/handle-case-command.js';
import { openSqliteEventStore } from '../../src/infrastructure/eventstore/sqlite/index.js';
import { refer } from '../domain/case/support/builders.js';
import { MAIN, MAPPA_CLI, runTs } from '../support/run-process.js';
import { startServerProcess, type ServerProcess } from '../support/server-process.js';
import { makeTempDir } from '../support/temp-dir.js';

const SECRET = 'rebuild-while-served-secret-0123456789abcdef';

describe('Regression: mappa rebuild swapped the read-model file under a running server', () => {
  let dir: ReturnType<typeof makeTempDir> | undefined;
  let server: ServerProcess | undefined;
  afterEach(() => {
    server?.kill();
    dir?.remove();
  });

  it('refuses while a server holds the read models, runs once it has stopped; mappa return reads them as the server keeps them', async () => {
    dir = makeTempDir('rebuild-served');
    const dbPath = join(dir.path, 'mappa.db');
    const store = openSqliteEventStore(dbPath);
    await caseCommandHandler({ store, clock: manualClock('2009-06-01T10:00:00.000Z') })('a', refer(), { areas: '*', actor: { id: 'c-1', role: 'coordinator', agency: 'police' } });
    await store.close();
    const env = { MAPPA_STORE: `sqlite:${dbPath}`, MAPPA_DATA_DIR: dir.path, MAPPA_JWT_SECRET: SECRET, MAPPA_LOG_LEVEL: 'silent' };
    const readModels = join(dir.path, 'read-models.db');
    server = await startServerProcess(env);
    const before = statSync(readModels).ino;

    const refused = await runTs(MAPPA_CLI, ['rebuild'], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`a running server holds the read models ${readModels}`);
    expect(refused.stderr).toContain('POST /admin/projections/rebuild');
    expect(existsSync(`${readModels}.rebuilding`)).toBe(false);
    expect(statSync(readModels).ino).toBe(before);

    const printed = await runTs(MAPPA_CLI, ['return', '--year', '2008-09', '--area', 'cumbria', '--format', 'csv'], env);
    expect(printed.code).toBe(0);
    expect(printed.stdout).toContain('R01,Number of MAPPA eligible offenders at 31 March,cat1,1');

    const second = await runTs(MAIN, [], { ...env, PORT: '0' });
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`holds the read models ${readModels} (MAPPA_READ_MODELS: ${readModels})`);

    expect(await server.stop()).toBe(0);
    const rebuilt = await runTs(MAPPA_CLI, ['rebuild'], env);
    expect(rebuilt.code).toBe(0);
    expect(rebuilt.stdout).toMatch(/rebuilt .*read-models\.db: 1 events, 1 cases/);
  }, 120_000);
});
