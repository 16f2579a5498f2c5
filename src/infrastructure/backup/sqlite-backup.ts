import { existsSync, renameSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { EVENTS_TABLE } from '../eventstore/sqlite/schema.js';

/** What a backup (or a file offered for restore) holds, checked. */
type StoreFileSummary = { readonly storeId: string | null; readonly events: number; readonly lastPosition: number | null };

/** A file that is not a mappa event store, or not a sound one; nothing was written. */
export class NotAMappaStoreError extends Error {
  constructor(readonly file: string, reason: string) {
    super(`${file} is not a usable mappa event store: ${reason}`);
    this.name = 'NotAMappaStoreError';
  }
}

const removeDatabaseFiles = (path: string) => {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(path + suffix, { force: true });
};

/**
 * Whether `file` is a mappa event store that passes `PRAGMA integrity_check`, and what it holds.
 * Opened read-only; a file SQLite cannot read, without the events table, or damaged is refused.
 */
export function checkStoreFile(file: string): StoreFileSummary {
  if (!existsSync(file)) throw new NotAMappaStoreError(file, 'no such file');
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new NotAMappaStoreError(file, error instanceof Error ? error.message : String(error));
  }
  try {
    const tables = new Set(db.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all());
    if (!tables.has(EVENTS_TABLE)) throw new NotAMappaStoreError(file, 'it has no events table');
    const integrity = db.prepare<[], string>('PRAGMA integrity_check').pluck().all();
    if (integrity.length !== 1 || integrity[0] !== 'ok') throw new NotAMappaStoreError(file, `PRAGMA integrity_check: ${integrity.slice(0, 3).join('; ')}`);
    const storeId = tables.has('store_identity') ? (db.prepare<[], string>('SELECT store_id FROM store_identity WHERE id = 1').pluck().get() ?? null) : null;
    const { events, last } = db.prepare<[], { events: number; last: number | null }>('SELECT count(*) AS events, max(global_position) AS last FROM events').get()!;
    return { storeId, events, lastPosition: last };
  } catch (error) {
    if (error instanceof NotAMappaStoreError) throw error;
    throw new NotAMappaStoreError(file, error instanceof Error ? error.message : String(error));
  } finally {
    db.close();
  }
}

/**
 * Copies an SQLite database with SQLite's online backup API, whatever other processes write
 * meanwhile: the copy is taken in one step (one read transaction), so it is one consistent cut
 * of the log, committed WAL frames included (copying the file alone misses them). It is written
 * beside `to` and renamed into place once checked, so an interrupted copy never takes its name.
 */
export async function copyDatabase(from: string, to: string): Promise<StoreFileSummary> {
  const partial = `${to}.partial`;
  removeDatabaseFiles(partial);
  const source = new Database(from, { fileMustExist: true, timeout: 5000 });
  try {
    await source.backup(partial);
  } finally {
    source.close();
  }
  try {
    const summary = checkStoreFile(partial);
    removeDatabaseFiles(to);
    renameSync(partial, to);
    return summary;
  } catch (error) {
    removeDatabaseFiles(partial);
    throw error;
  }
}
