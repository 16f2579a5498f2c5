import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';

const SCHEMA_VERSION = 2;

/**
 * Global position is the rowid without AUTOINCREMENT: SQLite gives each row max(rowid) + 1, and
 * rolled-back rows free their rowids again, so positions are gap-free in commit order. The
 * triggers make the log append-only for every connection, not only this adapter's (docs/CHECKS.md E2).
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  global_position INTEGER PRIMARY KEY,
  stream_name     TEXT    NOT NULL CHECK (length(stream_name) > 0),
  stream_position INTEGER NOT NULL CHECK (stream_position >= 0),
  event_id        TEXT    NOT NULL UNIQUE,
  type            TEXT    NOT NULL,
  data            TEXT    NOT NULL,
  metadata        TEXT    NOT NULL,
  UNIQUE (stream_name, stream_position)
) STRICT;

CREATE TRIGGER IF NOT EXISTS events_are_never_updated BEFORE UPDATE ON events
BEGIN
  SELECT RAISE(ABORT, 'stored events are immutable: UPDATE refused');
END;

CREATE TRIGGER IF NOT EXISTS events_are_never_deleted BEFORE DELETE ON events
BEGIN
  SELECT RAISE(ABORT, 'stored events are immutable: DELETE refused');
END;

-- The REPLACE conflict policy would delete the row it collides with, and that delete fires triggers only
-- when recursive_triggers is on; refusing the collision up front protects any connection.
CREATE TRIGGER IF NOT EXISTS events_are_never_replaced BEFORE INSERT ON events
WHEN EXISTS (SELECT 1 FROM events WHERE event_id = NEW.event_id)
  OR EXISTS (SELECT 1 FROM events WHERE stream_name = NEW.stream_name AND stream_position = NEW.stream_position)
  OR EXISTS (SELECT 1 FROM events WHERE global_position = NEW.global_position)
BEGIN
  SELECT RAISE(ABORT, 'stored events are immutable: the insert collides with a stored event');
END;

-- Version 2: the store's identity, created with it and copied with it (a backup keeps it).
CREATE TABLE IF NOT EXISTS store_identity (
  id       INTEGER PRIMARY KEY CHECK (id = 1),
  store_id TEXT    NOT NULL
) STRICT;

CREATE TRIGGER IF NOT EXISTS store_identity_is_never_updated BEFORE UPDATE ON store_identity
BEGIN
  SELECT RAISE(ABORT, 'the store identity is immutable: UPDATE refused');
END;

CREATE TRIGGER IF NOT EXISTS store_identity_is_never_deleted BEFORE DELETE ON store_identity
BEGIN
  SELECT RAISE(ABORT, 'the store identity is immutable: DELETE refused');
END;
`;

/** The table that marks a file as a mappa event store, whatever its schema version. */
export const EVENTS_TABLE = 'events';

/** Creates the schema in a new file, or brings an older one up to date; refuses a file written by a newer engine. */
export function ensureSchema(db: Database.Database): void {
  const migrate = db.transaction(() => {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version === SCHEMA_VERSION) return;
    if (version > SCHEMA_VERSION) {
      throw new Error(`the event store file has schema version ${version}; this engine knows up to ${SCHEMA_VERSION}`);
    }
    db.exec(SCHEMA);
    db.prepare('INSERT INTO store_identity (id, store_id) SELECT 1, ? WHERE NOT EXISTS (SELECT 1 FROM store_identity)').run(randomUUID());
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  });
  // IMMEDIATE: two processes opening a new file at once must not both create the schema.
  migrate.immediate();
}
