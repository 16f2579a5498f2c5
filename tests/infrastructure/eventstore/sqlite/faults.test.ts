import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../../../../src/infrastructure/eventstore/eventstore.js';
import { asStoreError } from '../../../../src/infrastructure/eventstore/sqlite/fault.js';
import { newEvents, settle } from '../contract/fixtures.js';
import { openStoreInTempDir } from './open-store.js';

describe('SQLite faults', () => {
  it.each([
    'SQLITE_FULL',
    'SQLITE_READONLY',
    'SQLITE_READONLY_DBMOVED',
    'SQLITE_IOERR',
    'SQLITE_IOERR_WRITE',
    'SQLITE_IOERR_FSYNC',
    'SQLITE_CANTOPEN',
    'SQLITE_BUSY',
    'SQLITE_BUSY_SNAPSHOT',
    'SQLITE_CORRUPT',
    'SQLITE_NOTADB',
  ])('%s is the storage failing: StoreUnavailableError, keeping the cause', (code) => {
    const fault = new Database.SqliteError('storage said no', code);
    const mapped = asStoreError(fault);
    expect(mapped).toBeInstanceOf(StoreUnavailableError);
    expect((mapped as Error).cause).toBe(fault);
  });

  it.each(['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_TRIGGER', 'SQLITE_ERROR', 'SQLITE_MISUSE', 'SQLITE_FULLY_MADE_UP'])(
    '%s is a bug, not an outage: passed on unchanged',
    (code) => {
      const error = new Database.SqliteError('bug', code);
      expect(asStoreError(error)).toBe(error);
    },
  );

  describe('a write lock held by another process', () => {
    let opened: ReturnType<typeof openStoreInTempDir> | undefined;
    let other: Database.Database | undefined;
    afterEach(async () => {
      if (other?.inTransaction) other.exec('ROLLBACK');
      other?.close();
      await opened?.dispose();
    });

    it('past busy_timeout answers StoreUnavailableError, and appends work again once it is released', async () => {
      opened = openStoreInTempDir('busy', { busyTimeoutMs: 50 });
      other = new Database(opened.path);
      other.exec('BEGIN IMMEDIATE');

      const refused = await settle(opened.store.appendToStream('s', newEvents(2)));
      expect(refused.ok ? undefined : refused.error).toBeInstanceOf(StoreUnavailableError);
      expect(((refused as { error: Error }).error.cause as { code: string }).code).toMatch(/^SQLITE_BUSY/);

      other.exec('ROLLBACK');
      const result = await opened.store.appendToStream('s', newEvents(2), { expectedVersion: 'no_stream' });
      expect(result.nextExpectedVersion).toBe(1);
    });
  });
});
