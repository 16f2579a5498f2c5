import { existsSync, renameSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { EVENTS_TABLE } from '../eventstore/sqlite/schema.js';

/** The SQLite files a backup holds (backup-sources.ts): each is checked for what it should be. */
export type StoreFileKind = 'event store' | 'key store';

/** What a backup (or a file offered for restore) holds, checked. A key store's keys are counted, never read. */
export type StoreFileSummary =
  | { readonly kind: 'event store'; readonly storeId: string | null; readonly events: number; readonly lastPosition: number | null }
  | { readonly kind: 'key store'; readonly keys: number; readonly destroyed: number };

/** A file that is not a mappa event store (or key store), or not a sound one; nothing was written. */
export class NotAMappaStoreError extends Error {
  constructor(readonly file: string, reason: string, kind: StoreFileKind = 'event store') {
    super(`${file} is not a usable mappa ${kind}: ${reason}`);
    this.name = 'NotAMappaStoreError';
  }
}

const removeDatabaseFiles = (path: string) => {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(path + suffix, { force: true });
};

/** The table each kind of file must have (the key store's is personal-data/subject-keys-sqlite.ts). */
const TABLE_OF: Record<StoreFileKind, string> = { 'event store': EVENTS_TABLE, 'key store': 'subject_keys' };

function summarise(db: Database.Database, kind: StoreFileKind, tables: ReadonlySet<string>): StoreFileSummary {
  switch (kind) {
    case 'event store': {
      const storeId = tables.has('store_identity') ? (db.prepare<[], string>('SELECT store_id FROM store_identity WHERE id = 1').pluck().get() ?? null) : null;
      const { events, last } = db.prepare<[], { events: number; last: number | null }>('SELECT count(*) AS events, max(global_position) AS last FROM events').get()!;
      return { kind, storeId, events, lastPosition: last };
    }
    case 'key store': {
      const counts = db
        .prepare<[], { keys: number | null; destroyed: number | null }>('SELECT sum(destroyed = 0) AS keys, sum(destroyed = 1) AS destroyed FROM subject_keys')
        .get()!;
      return { kind, keys: counts.keys ?? 0, destroyed: counts.destroyed ?? 0 };
    }
  }
}

/**
 * Whether `file` is a mappa store of that kind that passes `PRAGMA integrity_check`, and what it
 * holds. Opened read-only; a file SQLite cannot read, without the kind's table, or damaged is refused.
 */
export function checkStoreFile(file: string, kind: StoreFileKind = 'event store'): StoreFileSummary {
  if (!existsSync(file)) throw new NotAMappaStoreError(file, 'no such file', kind);
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new NotAMappaStoreError(file, error instanceof Error ? error.message : String(error), kind);
  }
  try {
    const tables = new Set(db.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all());
    if (!tables.has(TABLE_OF[kind])) throw new NotAMappaStoreError(file, `it has no ${TABLE_OF[kind]} table`, kind);
    const integrity = db.prepare<[], string>('PRAGMA integrity_check').pluck().all();
    if (integrity.length !== 1 || integrity[0] !== 'ok') throw new NotAMappaStoreError(file, `PRAGMA integrity_check: ${integrity.slice(0, 3).join('; ')}`, kind);
    return summarise(db, kind, tables);
  } catch (error) {
    if (error instanceof NotAMappaStoreError) throw error;
    throw new NotAMappaStoreError(file, error instanceof Error ? error.message : String(error), kind);
  } finally {
    db.close();
  }
}

/** One line saying what a checked file holds: counts only (a key store's key bytes are never printed). */
export function describeSummary(summary: StoreFileSummary): string {
  switch (summary.kind) {
    case 'event store':
      return `${summary.events} events, last position ${summary.lastPosition ?? 'none'}, store id ${summary.storeId ?? 'none'}`;
    case 'key store':
      return `${summary.keys} keys, ${summary.destroyed} destroyed`;
  }
}

/**
 * Copies an SQLite database with SQLite's online backup API, whatever other processes write
 * meanwhile: the copy is taken in one step (one read transaction), so it is one consistent cut
 * of the log, committed WAL frames included (copying the file alone misses them). It is written
 * beside `to` and renamed into place once checked, so an interrupted copy never takes its name.
 */
export async function copyDatabase(from: string, to: string, kind: StoreFileKind = 'event store'): Promise<StoreFileSummary> {
  const partial = `${to}.partial`;
  removeDatabaseFiles(partial);
  const source = new Database(from, { fileMustExist: true, timeout: 5000 });
  try {
    await source.backup(partial);
  } finally {
    source.close();
  }
  try {
    const summary = checkStoreFile(partial, kind);
    removeDatabaseFiles(to);
    renameSync(partial, to);
    return summary;
  } catch (error) {
    removeDatabaseFiles(partial);
    throw error;
  }
}
