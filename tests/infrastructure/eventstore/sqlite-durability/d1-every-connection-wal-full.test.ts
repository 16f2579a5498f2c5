import { openSync, readSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openConnection } from '../../../../src/infrastructure/eventstore/sqlite/connection.js';
import { openSqliteEventStore } from '../../../../src/infrastructure/eventstore/sqlite/index.js';
import { makeTempDir } from '../../../support/temp-dir.js';
import { newEvents } from '../contract/fixtures.js';

const FULL = 2;

/** Bytes 18 and 19 of the database header are 2 when the file is in WAL mode. */
function headerSaysWal(path: string): boolean {
  const header = Buffer.alloc(20);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, header, 0, 20, 0);
  } finally {
    closeSync(fd);
  }
  return header[18] === 2 && header[19] === 2;
}

describe('D1 every SQLite connection runs with journal_mode=wal and synchronous=FULL', () => {
  let dir: ReturnType<typeof makeTempDir>;
  afterEach(() => dir.remove());

  async function existingWalFile(): Promise<string> {
    dir = makeTempDir('d1');
    const path = join(dir.path, 'events.db');
    const store = openSqliteEventStore(path);
    await store.appendToStream('s', newEvents(3));
    await store.close();
    expect(headerSaysWal(path)).toBe(true);
    return path;
  }

  it('a fresh connection reopening an existing WAL file', async () => {
    const path = await existingWalFile();
    const db = openConnection(path);
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(FULL);
      expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
    } finally {
      db.close();
    }
  });

  it('the group-commit connection of a store reopening an existing WAL file', async () => {
    const path = await existingWalFile();
    const store = openSqliteEventStore(path);
    try {
      expect(store.pragma('journal_mode')).toBe('wal');
      expect(store.pragma('synchronous')).toBe(FULL);
      expect(store.pragma('recursive_triggers')).toBe(1);
      // And it still commits with those settings.
      await store.appendToStream('s', newEvents(1), { expectedVersion: 2 });
      expect(store.pragma('synchronous')).toBe(FULL);
    } finally {
      await store.close();
    }
  });

  it('the connection of a store creating a new file', async () => {
    dir = makeTempDir('d1-new');
    const store = openSqliteEventStore(join(dir.path, 'new.db'));
    try {
      expect(store.pragma('journal_mode')).toBe('wal');
      expect(store.pragma('synchronous')).toBe(FULL);
    } finally {
      await store.close();
    }
  });
});
