import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MAIN, runTs } from '../support/run-process.js';
import { makeTempDir } from '../support/temp-dir.js';

/** docs/CHECKS.md O2: start-up with missing or invalid configuration exits non-zero naming the variable; secrets never printed. */
describe('O2: start-up refuses a bad configuration', () => {
  let dir: ReturnType<typeof makeTempDir> | undefined;
  afterEach(() => dir?.remove());

  it.each([
    ['production without a key', { NODE_ENV: 'production' }, 'MAPPA_JWT_SECRET', undefined],
    ['a secret that is too short', { MAPPA_JWT_SECRET: 'hunter2-very-secret' }, 'MAPPA_JWT_SECRET', 'hunter2-very-secret'],
    ['a port that is not a number', { PORT: 'http', MAPPA_JWT_SECRET: 'a-long-enough-secret-that-must-stay-private-42' }, 'PORT', 'a-long-enough-secret-that-must-stay-private-42'],
    ['an unknown store', { MAPPA_STORE: 'mongodb://user:s3cr3t-pass@db', MAPPA_JWT_SECRET: 'another-long-secret-that-must-stay-private-42' }, 'MAPPA_STORE', 's3cr3t-pass'],
  ])('%s: exit non-zero, the variable named, no secret printed, nothing created', async (_name, env, variable, secret) => {
    dir = makeTempDir('o2');
    const result = await runTs(MAIN, [], { ...env, MAPPA_DATA_DIR: join(dir.path, 'data'), PORT: (env as Record<string, string>)['PORT'] ?? '0' });
    expect(result.code).not.toBe(0);
    expect(result.code).not.toBeNull();
    expect(result.stderr).toContain(variable);
    if (secret !== undefined) expect(result.stdout + result.stderr).not.toContain(secret);
    expect(existsSync(join(dir.path, 'data'))).toBe(false);
  });

  it('an unwritable store location: exit 1 with one line, no stack', async () => {
    dir = makeTempDir('o2');
    // A file where the store's directory should be: no permission trick, so it holds for root too.
    writeFileSync(join(dir.path, 'not-a-directory'), '');
    const result = await runTs(MAIN, [], { MAPPA_STORE: `sqlite:${join(dir.path, 'not-a-directory', 'mappa.db')}`, MAPPA_DATA_DIR: join(dir.path, 'data'), PORT: '0' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^mappa-engine could not start: the SQLite event store is unavailable/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
