import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

const DEFAULT_BUSY_TIMEOUT_MS = 5000;

/**
 * Opens a connection with the settings durability depends on. They are set on every open,
 * because only journal_mode is stored in the file: better-sqlite3 opens an existing WAL
 * database with synchronous=NORMAL, which can lose the last commits on power loss.
 */
export function openConnection(path: string, options: { busyTimeoutMs?: number } = {}): Database.Database {
  const busyTimeoutMs = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
  mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path, { timeout: busyTimeoutMs });
  try {
    const journalMode = db.pragma('journal_mode = WAL', { simple: true });
    if (journalMode !== 'wal') throw new Error(`the event store needs a WAL database file, got journal_mode=${String(journalMode)}`);
    // FULL in WAL mode: the WAL is fsynced at every commit, so an acknowledged append survives power loss.
    db.pragma('synchronous = FULL');
    db.pragma(`busy_timeout = ${busyTimeoutMs}`);
    // macOS fsync does not reach the platter without these; no-ops elsewhere.
    db.pragma('fullfsync = ON');
    db.pragma('checkpoint_fullfsync = ON');
    // REPLACE conflict resolution deletes rows; only with recursive triggers do those deletes
    // meet the trigger that forbids deleting events.
    db.pragma('recursive_triggers = ON');
    db.pragma('trusted_schema = OFF');
    // Truncate the WAL back to this size after checkpoints, so one burst does not keep a huge file.
    db.pragma(`journal_size_limit = ${64 * 1024 * 1024}`);
    // Fewer, larger checkpoints: each copies the WAL into the database and fsyncs it.
    db.pragma('wal_autocheckpoint = 4000');
    assertWritable(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * SQLite quietly opens a file it may not write (immutable, read-only mount) read-only, and
 * that connection would refuse every append even after the condition clears. A rolled-back
 * header write makes it fail here instead, with SQLITE_READONLY.
 */
function assertWritable(db: Database.Database): void {
  db.exec('BEGIN IMMEDIATE');
  try {
    db.pragma(`user_version = ${Number(db.pragma('user_version', { simple: true }))}`);
  } finally {
    db.exec('ROLLBACK');
  }
}
