import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../../../../src/infrastructure/eventstore/eventstore.js';
import { openSqliteEventStore } from '../../../../src/infrastructure/eventstore/sqlite/index.js';
import { makeTempDir } from '../../../support/temp-dir.js';
import { newEvents } from '../contract/fixtures.js';

describe('opening a SQLite store', () => {
  let dir: ReturnType<typeof makeTempDir>;
  afterEach(() => dir.remove());

  it('creates missing parent directories', async () => {
    dir = makeTempDir('open');
    const path = join(dir.path, 'a', 'b', 'events.db');
    const store = openSqliteEventStore(path);
    await store.close();
    expect(existsSync(path)).toBe(true);
  });

  it('reopening a file keeps its events and continues its positions', async () => {
    dir = makeTempDir('reopen');
    const path = join(dir.path, 'events.db');
    const first = openSqliteEventStore(path);
    await first.appendToStream('s', newEvents(3));
    await first.close();
    const second = openSqliteEventStore(path);
    try {
      const result = await second.appendToStream('s', newEvents(1), { expectedVersion: 2 });
      expect(result).toEqual({ nextExpectedVersion: 3, lastGlobalPosition: 4n });
    } finally {
      await second.close();
    }
  });

  it('refuses a file written by a newer schema', () => {
    dir = makeTempDir('newer');
    const path = join(dir.path, 'events.db');
    const raw = new Database(path);
    raw.pragma('user_version = 99');
    raw.close();
    expect(() => openSqliteEventStore(path)).toThrow(/schema version 99/);
  });

  it('answers StoreUnavailableError when the file cannot be created', () => {
    dir = makeTempDir('blocked');
    const blocker = join(dir.path, 'not-a-directory');
    const raw = new Database(blocker);
    raw.close();
    expect(() => openSqliteEventStore(join(blocker, 'events.db'))).toThrow(StoreUnavailableError);
  });
});
