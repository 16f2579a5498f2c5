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

function keyOf(caseId: string, row: Row): DataKey {
  if (row.destroyed === 1 || row.key === null) throw new SubjectErasedError(caseId);
  return row.key;
}

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
  private pending = new Map<string, { resolve: (key: DataKey) => void; reject: (error: unknown) => void }[]>();

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
    const held = this.select.get(caseId);
    if (held !== undefined) return keyOf(caseId, held);
    return new Promise<DataKey>((resolve, reject) => {
      const waiting = this.pending.get(caseId) ?? [];
      waiting.push({ resolve, reject });
      this.pending.set(caseId, waiting);
      if (this.pending.size === 1 && waiting.length === 1) setImmediate(() => this.makePendingKeys());
    });
  }

  /**
   * The keys asked for since the last turn of the event loop, made in one transaction: one fsync
   * for every referral arriving together (a group commit, as the event store's). Immediate: two
   * processes making the first key of one case both get the one that was kept.
   */
  private makePendingKeys(): void {
    const batch = this.pending;
    this.pending = new Map();
    let rows: Map<string, Row>;
    try {
      rows = this.db.transaction(() => {
        const made = new Map<string, Row>();
        for (const caseId of batch.keys()) {
          this.insert.run(caseId, newDataKey());
          made.set(caseId, this.select.get(caseId)!);
        }
        return made;
      }).immediate();
    } catch (error) {
      for (const waiting of batch.values()) for (const w of waiting) w.reject(error);
      return;
    }
    for (const [caseId, waiting] of batch) {
      for (const w of waiting) {
        try {
          w.resolve(keyOf(caseId, rows.get(caseId)!));
        } catch (error) {
          w.reject(error);
        }
      }
    }
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
    if (this.pending.size > 0) this.makePendingKeys();
    if (this.db.open) this.db.close();
  }
}
