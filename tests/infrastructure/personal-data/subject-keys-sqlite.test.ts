import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SubjectErasedError } from '../../../src/infrastructure/personal-data/subject-keys.js';
import { SubjectKeysSqlite } from '../../../src/infrastructure/personal-data/subject-keys-sqlite.js';
import { makeTempDir } from '../../support/temp-dir.js';

/** Every byte the key store has on disk: the file, its WAL and its shared-memory index. */
const bytesOnDisk = (path: string) => Buffer.concat([path, `${path}-wal`, `${path}-shm`].filter(existsSync).map((p) => readFileSync(p)));

describe('the SQLite key store (docs/DOMAIN.md section 13)', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let path: string;
  beforeEach(() => {
    dir = makeTempDir('keys');
    path = join(dir.path, 'mappa-keys.db');
  });
  afterEach(() => dir.remove());

  it('makes a 32-byte key on first use, gives the same one again, and keeps it across a reopen', async () => {
    const keys = new SubjectKeysSqlite(path);
    const key = await keys.keyFor('case-1');
    expect(key).toHaveLength(32);
    expect(await keys.keyFor('case-1')).toEqual(key);
    expect((await keys.keyFor('case-2')).equals(key)).toBe(false);
    await keys.close();
    const reopened = new SubjectKeysSqlite(path);
    expect(await reopened.find('case-1')).toEqual({ kind: 'present', key });
    expect(await reopened.find('case-3')).toEqual({ kind: 'none' });
    await reopened.close();
  });

  it("destroy overwrites the key: its bytes are in neither the file nor its WAL, before and after closing", async () => {
    const keys = new SubjectKeysSqlite(path);
    const doomed = Buffer.from(await keys.keyFor('case-1'));
    const kept = Buffer.from(await keys.keyFor('case-2'));
    expect(bytesOnDisk(path).indexOf(doomed)).toBeGreaterThanOrEqual(0);
    await keys.destroy('case-1');
    expect(bytesOnDisk(path).indexOf(doomed)).toBe(-1);
    expect(await keys.find('case-1')).toEqual({ kind: 'destroyed' });
    await keys.close();
    expect(bytesOnDisk(path).indexOf(doomed)).toBe(-1);
    const reopened = new SubjectKeysSqlite(path);
    expect(await reopened.find('case-2')).toEqual({ kind: 'present', key: kept });
    await reopened.close();
  });

  it('keys destroyed by the hundred leave no copy in a freed page either (secure_delete)', async () => {
    const keys = new SubjectKeysSqlite(path);
    const made: Buffer[] = [];
    for (let i = 0; i < 400; i++) made.push(Buffer.from(await keys.keyFor(`case-${i}`)));
    for (let i = 0; i < 400; i++) await keys.destroy(`case-${i}`);
    await keys.close();
    const disk = bytesOnDisk(path);
    expect(made.filter((key) => disk.indexOf(key) >= 0)).toHaveLength(0);
  });

  it('a destroyed key is never made again, even after a reopen; destroy is idempotent', async () => {
    const keys = new SubjectKeysSqlite(path);
    await keys.keyFor('case-1');
    await keys.destroy('case-1');
    await keys.destroy('case-1');
    await expect(keys.keyFor('case-1')).rejects.toBeInstanceOf(SubjectErasedError);
    await keys.close();
    const reopened = new SubjectKeysSqlite(path);
    await expect(reopened.keyFor('case-1')).rejects.toBeInstanceOf(SubjectErasedError);
    expect(await reopened.find('case-1')).toEqual({ kind: 'destroyed' });
    await reopened.close();
  });

  it('destroying the key of a case that had none leaves the mark, so none is made afterwards', async () => {
    const keys = new SubjectKeysSqlite(path);
    await keys.destroy('case-9');
    expect(await keys.find('case-9')).toEqual({ kind: 'destroyed' });
    await expect(keys.keyFor('case-9')).rejects.toBeInstanceOf(SubjectErasedError);
    await keys.close();
  });

  it('keys asked for together are made together, each its own, and one case asked twice gets one key', async () => {
    const keys = new SubjectKeysSqlite(path);
    const ids = Array.from({ length: 50 }, (_, i) => `case-${i}`);
    const made = await Promise.all([...ids, 'case-0'].map((id) => keys.keyFor(id)));
    expect(new Set(made.slice(0, 50).map((k) => k.toString('hex'))).size).toBe(50);
    expect(made[50]).toEqual(made[0]);
    await keys.close();
    const reopened = new SubjectKeysSqlite(path);
    for (const [i, id] of ids.entries()) expect(await reopened.find(id)).toEqual({ kind: 'present', key: made[i] });
    await reopened.close();
  });

  it('a key asked for while its case is being erased is refused, not made', async () => {
    const keys = new SubjectKeysSqlite(path);
    const asked = keys.keyFor('case-1');
    await keys.destroy('case-1');
    await expect(asked).rejects.toBeInstanceOf(SubjectErasedError);
    await keys.close();
  });

  it('two connections making the first key of one case agree on it', async () => {
    const a = new SubjectKeysSqlite(path);
    const b = new SubjectKeysSqlite(path);
    const [ka, kb] = await Promise.all([a.keyFor('case-1'), b.keyFor('case-1')]);
    expect(ka).toEqual(kb);
    await a.close();
    await b.close();
  });

  it('a key is handed out only once committed: another connection already finds it', async () => {
    const keys = new SubjectKeysSqlite(path);
    const other = new SubjectKeysSqlite(path);
    const ids = Array.from({ length: 20 }, (_, i) => `case-${i}`);
    await Promise.all(
      ids.map(async (id) => {
        const key = await keys.keyFor(id);
        expect(await other.find(id)).toEqual({ kind: 'present', key });
      }),
    );
    await other.close();
    await keys.close();
  });

  it('close makes every key already asked for, those asked for after a batch was made included', async () => {
    const keys = new SubjectKeysSqlite(path);
    const first = Array.from({ length: 10 }, (_, i) => keys.keyFor(`case-${i}`));
    // Asked for a turn later, after the first batch: close makes them.
    await new Promise((resolve) => setImmediate(resolve));
    const later = Array.from({ length: 10 }, (_, i) => keys.keyFor(`case-${10 + i}`));
    await keys.close();
    const made = await Promise.all([...first, ...later]);
    const reopened = new SubjectKeysSqlite(path);
    for (const [i, key] of made.entries()) expect(await reopened.find(`case-${i}`)).toEqual({ kind: 'present', key });
    await reopened.close();
  });
});
