import type Database from 'better-sqlite3';
import { openConnection } from '../eventstore/sqlite/connection.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS subject_keys (
  case_id TEXT PRIMARY KEY,
  -- NULL once destroyed: the row stays as the mark that the key is never made again.
  key BLOB,
  destroyed INTEGER NOT NULL DEFAULT 0 CHECK (destroyed IN (0, 1)),
  CHECK ((destroyed = 1 AND key IS NULL) OR (destroyed = 0 AND length(key) = 32))
) WITHOUT ROWID;
`;

/** A key store row: the key, or the mark that it was destroyed. */
export type KeyRow = { readonly key: Buffer | Uint8Array | null; readonly destroyed: number };

/** A connection to the key store file, its table made if new; durable like the event store (WAL, synchronous FULL). */
export function openKeyStore(path: string): Database.Database {
  const db = openConnection(path);
  db.pragma('secure_delete = ON');
  db.exec(SCHEMA);
  return db;
}

export const selectKey = (db: Database.Database): Database.Statement<[string], KeyRow> => db.prepare('SELECT key, destroyed FROM subject_keys WHERE case_id = ?');
