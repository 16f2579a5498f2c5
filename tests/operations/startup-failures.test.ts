import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MAIN, runTs } from '../support/run-process.js';
import { makeTempDir } from '../support/temp-dir.js';

/** Start-up failures said `unable to open database file` or `SQLITE_CANTOPEN` and nothing of which file. */
describe('Regression: start-up failures did not name the file', () => {
  let dir: ReturnType<typeof makeTempDir> | undefined;
  let listener: Server | undefined;
  afterEach(() => {
    listener?.close();
    dir?.remove();
  });

  const start = (env: Record<string, string>) => runTs(MAIN, [], { PORT: '0', MAPPA_DATA_DIR: join(dir!.path, 'data'), MAPPA_LOG_LEVEL: 'silent', ...env });
  const oneLine = (stderr: string) => {
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^mappa-engine could not start: /);
  };

  it('a store path that cannot be opened (a directory): MAPPA_STORE and the full path', async () => {
    dir = makeTempDir('startup');
    const path = join(dir.path, 'a-directory');
    mkdirSync(path);
    const result = await start({ MAPPA_STORE: `sqlite:${path}` });
    expect(result.code).toBe(1);
    oneLine(result.stderr);
    expect(result.stderr).toContain('SQLITE_CANTOPEN');
    expect(result.stderr).toContain(`(MAPPA_STORE: sqlite:${path})`);
  });

  it('read models under a file: MAPPA_READ_MODELS and the path', async () => {
    dir = makeTempDir('startup');
    writeFileSync(join(dir.path, 'file'), '');
    const readModels = join(dir.path, 'file', 'read-models.db');
    const result = await start({ MAPPA_STORE: `sqlite:${join(dir.path, 'mappa.db')}`, MAPPA_READ_MODELS: readModels });
    expect(result.code).toBe(1);
    oneLine(result.stderr);
    expect(result.stderr).toContain(`(MAPPA_READ_MODELS: ${readModels})`);
  });

  it('a key store under a file: MAPPA_KEY_STORE and the path', async () => {
    dir = makeTempDir('startup');
    writeFileSync(join(dir.path, 'file'), '');
    const keys = join(dir.path, 'file', 'mappa-keys.db');
    const result = await start({ MAPPA_STORE: `sqlite:${join(dir.path, 'mappa.db')}`, MAPPA_KEY_STORE: `sqlite:${keys}` });
    expect(result.code).toBe(1);
    oneLine(result.stderr);
    expect(result.stderr).toContain(`(MAPPA_KEY_STORE: ${keys})`);
  });

  it('a data directory that cannot be made (for the development secret): MAPPA_DATA_DIR and the path', async () => {
    dir = makeTempDir('startup');
    writeFileSync(join(dir.path, 'file'), '');
    const dataDir = join(dir.path, 'file', 'data');
    const result = await start({ MAPPA_STORE: `sqlite:${join(dir.path, 'mappa.db')}`, MAPPA_DATA_DIR: dataDir });
    expect(result.code).toBe(1);
    oneLine(result.stderr);
    expect(result.stderr).toContain(`(MAPPA_DATA_DIR: ${dataDir})`);
  });

  it('a port in use: HOST/PORT and the address', async () => {
    dir = makeTempDir('startup');
    listener = createServer();
    const port = await new Promise<number>((resolve) => listener!.listen(0, '127.0.0.1', () => resolve((listener!.address() as { port: number }).port)));
    const result = await start({ MAPPA_STORE: `sqlite:${join(dir.path, 'mappa.db')}`, PORT: String(port) });
    expect(result.code).toBe(1);
    oneLine(result.stderr);
    expect(result.stderr).toContain('EADDRINUSE');
    expect(result.stderr).toContain(`(HOST/PORT: 127.0.0.1:${port})`);
  });

  it('an EventStoreDB connection string is named by its variable, never echoed (it may hold a password)', async () => {
    dir = makeTempDir('startup');
    const result = await start({ MAPPA_STORE: 'esdb://admin:pa55word-do-not-print@[' });
    expect(result.code).toBe(1);
    oneLine(result.stderr);
    expect(result.stderr).toContain('(MAPPA_STORE: an EventStoreDB connection string)');
    expect(result.stderr).not.toContain('pa55word');
  });
});
