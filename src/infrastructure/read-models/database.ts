import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

const SCHEMA_VERSION = 7;

/**
 * Read models are disposable: a rebuild from the event log recreates them. Each batch of
 * projected events and the checkpoint after it commit in one transaction, so a crash can
 * lose a batch (it is projected again) but never apply one twice. synchronous=NORMAL is
 * enough for that in WAL mode: a lost commit takes its checkpoint with it.
 */
const SCHEMA = `
CREATE TABLE checkpoint (id INTEGER PRIMARY KEY CHECK (id = 1), position TEXT NOT NULL);
CREATE TABLE caseload (
  case_id TEXT PRIMARY KEY, area TEXT NOT NULL, level INTEGER NOT NULL, lead_agency TEXT NOT NULL,
  open INTEGER NOT NULL, entry TEXT NOT NULL
) STRICT;
CREATE INDEX caseload_by_area ON caseload (area, open, case_id);
CREATE TABLE case_areas (case_id TEXT PRIMARY KEY, area TEXT NOT NULL, version INTEGER NOT NULL, closed_on TEXT) STRICT, WITHOUT ROWID;
CREATE INDEX case_areas_closed ON case_areas (area, closed_on) WHERE closed_on IS NOT NULL;
CREATE TABLE subject_standings (case_id TEXT PRIMARY KEY, restricted INTEGER NOT NULL, standing TEXT NOT NULL) STRICT, WITHOUT ROWID;
CREATE INDEX subject_standings_restricted ON subject_standings (case_id) WHERE restricted = 1;
CREATE TABLE return_cells (
  year TEXT NOT NULL, area TEXT NOT NULL, key TEXT NOT NULL, count INTEGER NOT NULL,
  PRIMARY KEY (year, area, key)
) STRICT, WITHOUT ROWID;
CREATE TABLE return_steady_cells (
  area TEXT NOT NULL, from_year TEXT NOT NULL, key TEXT NOT NULL, count INTEGER NOT NULL,
  PRIMARY KEY (area, from_year, key)
) STRICT, WITHOUT ROWID;
CREATE TABLE area_populations (
  area TEXT NOT NULL, year TEXT NOT NULL, population INTEGER NOT NULL, basis TEXT NOT NULL, source TEXT NOT NULL,
  PRIMARY KEY (area, year, basis)
) STRICT, WITHOUT ROWID;
CREATE TABLE access_log_checkpoint (id INTEGER PRIMARY KEY CHECK (id = 1), position TEXT NOT NULL);
CREATE TABLE access_records (position TEXT PRIMARY KEY, actor TEXT NOT NULL, at TEXT NOT NULL, record TEXT NOT NULL) STRICT, WITHOUT ROWID;
CREATE INDEX access_records_by_actor ON access_records (actor, position);
CREATE INDEX access_records_by_time ON access_records (at, position);
CREATE TABLE access_record_cases (case_id TEXT NOT NULL, position TEXT NOT NULL, PRIMARY KEY (case_id, position)) STRICT, WITHOUT ROWID;
`;

/**
 * Which log the read models were built from: the store's id and the id of the event at their
 * checkpoint (log-binding.ts). Outside the versioned schema, so adding it rebuilt nothing; read
 * models without it are rebuilt once, as built from an unknown log.
 */
const LOG_BINDING = `
CREATE TABLE IF NOT EXISTS log_binding (
  id INTEGER PRIMARY KEY CHECK (id = 1), store_id TEXT, checkpoint_event_id TEXT
) STRICT;
`;

export function openReadModelDatabase(path: string): Database.Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  // A running server and a one-shot command (mappa return) may share the file.
  const db = new Database(path, { timeout: 5000 });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('cache_size = -65536');
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version !== SCHEMA_VERSION) {
    // Another engine's layout: read models are disposable, so start empty; the log fills them.
    db.transaction(() => {
      const tables = db.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
      for (const table of tables) db.exec(`DROP TABLE "${table}"`);
      db.exec(SCHEMA);
      db.pragma(`user_version = ${SCHEMA_VERSION}`);
    })();
  }
  db.exec(LOG_BINDING);
  return db;
}
