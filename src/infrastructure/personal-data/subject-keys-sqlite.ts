import type Database from 'better-sqlite3';
import { openConnection } from '../eventstore/sqlite/connection.js';
import { newDataKey, SubjectErasedError, type DataKey, type KeyStanding, type SubjectKeys } from './subject-keys.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS subject_keys (
  case_id TEXT PRIMARY KEY,
  -- NULL once destroyed: the row stays as the mark that the key is never made again.
  key BLOB,
  destroyed INTEGER NOT NULL DEFAULT 0 CHECK (destroyed IN (0, 1)),
  CHECK ((destroyed = 1 AND key IS NULL) OR (destroyed = 0 AND length(key) = 32))
) WITHOUT ROWID;
`;

type Row = { key: Buffer | null; destroyed: number };

/** How many times a destroy tries to empty the WAL before saying it could not. */
const CHECKPOINT_ATTEMPTS = 20;

/**
 * The key store in an SQLite file of its own (docs/DOMAIN.md section 13): a table of case id to
 * data key, or to the mark that the key was destroyed. Durable like the event store (WAL,
 * synchronous FULL). Destroying a key must leave no copy in the file: `secure_delete` makes SQLite
 * overwrite the freed bytes of the old row with zeros, and a TRUNCATE checkpoint then copies the
 * WAL into the file and empties it, so the key is neither in a free page nor in an old WAL frame.
 */
export class SubjectKeysSqlite implements SubjectKeys {
  private readonly db: Database.Database;
  private readonly select: Database.Statement<[string], Row>;
  private readonly insert: Database.Statement<[string, Buffer]>;
  private readonly markDestroyed: Database.Statement<[string]>;

  constructor(readonly path: string) {
    this.db = openConnection(path);
    this.db.pragma('secure_delete = ON');
    this.db.exec(SCHEMA);
    this.select = this.db.prepare('SELECT key, destroyed FROM subject_keys WHERE case_id = ?');
    this.insert = this.db.prepare('INSERT INTO subject_keys (case_id, key) VALUES (?, ?) ON CONFLICT (case_id) DO NOTHING');
    this.markDestroyed = this.db.prepare(
      'INSERT INTO subject_keys (case_id, key, destroyed) VALUES (?, NULL, 1) ON CONFLICT (case_id) DO UPDATE SET key = NULL, destroyed = 1',
    );
  }

  async keyFor(caseId: string): Promise<DataKey> {
    // Immediate: two processes making the first key of one case both get the one that was kept.
    const row = this.db.transaction(() => {
      const held = this.select.get(caseId);
      if (held !== undefined) return held;
      this.insert.run(caseId, newDataKey());
      return this.select.get(caseId)!;
    }).immediate();
    if (row.destroyed === 1 || row.key === null) throw new SubjectErasedError(caseId);
    return row.key;
  }

  async find(caseId: string): Promise<KeyStanding> {
    const row = this.select.get(caseId);
    if (row === undefined) return { kind: 'none' };
    return row.destroyed === 1 || row.key === null ? { kind: 'destroyed' } : { kind: 'present', key: row.key };
  }

  async destroy(caseId: string): Promise<void> {
    this.markDestroyed.run(caseId);
    this.emptyWal();
  }

  /** Copies the WAL into the file and truncates it; another connection reading may hold it for a moment. */
  private emptyWal(): void {
    for (let attempt = 1; attempt <= CHECKPOINT_ATTEMPTS; attempt++) {
      const [result] = this.db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[];
      if (result !== undefined && result.busy === 0) return;
    }
    throw new Error('the key was destroyed, but the key store WAL could not be emptied (a reader holds it): destroy again to finish');
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
