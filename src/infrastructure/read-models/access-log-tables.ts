import type Database from 'better-sqlite3';
import { recordCaseIds, type AccessLogFilter, type AccessLogPage, type AccessRecordView } from '../access-log/reader.js';

/** The most digits a global position has (EventStoreDB packs two 64-bit halves into one: up to 2^128 - 1). */
const POSITION_DIGITS = 39;

/** A position as text that sorts as the number does: zero-padded to POSITION_DIGITS. */
const key = (position: bigint) => position.toString().padStart(POSITION_DIGITS, '0');

/**
 * The access log indexed in the read models: one row per record (its view as `/audit` answers
 * it, by global position), with indexes by actor and by time, and one row per case a record
 * names. Filled by the access-log projection only; `/audit` pages through it in log order.
 */
export class AccessLogTables {
  readonly #db: Database.Database;
  readonly #statements;
  readonly #pages = new Map<string, Database.Statement<unknown[], { record: string }>>();

  constructor(db: Database.Database) {
    this.#db = db;
    this.#statements = {
      checkpoint: db.prepare<[], { position: string }>('SELECT position FROM access_log_checkpoint WHERE id = 1'),
      setCheckpoint: db.prepare('INSERT INTO access_log_checkpoint (id, position) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET position = excluded.position'),
      putRecord: db.prepare('INSERT OR IGNORE INTO access_records (position, actor, at, record) VALUES (?, ?, ?, ?)'),
      putCase: db.prepare('INSERT OR IGNORE INTO access_record_cases (case_id, position) VALUES (?, ?)'),
    };
  }

  /** The global position of the last record indexed; null before the first. */
  checkpoint(): bigint | null {
    const row = this.#statements.checkpoint.get();
    return row ? BigInt(row.position) : null;
  }

  /** Indexes records (by position; one already indexed is left as it is) and moves the checkpoint, atomically. */
  add(records: readonly AccessRecordView[], checkpoint: bigint): void {
    const s = this.#statements;
    this.#db.transaction(() => {
      for (const record of records) {
        const position = key(BigInt(record.position));
        s.putRecord.run(position, record.actor.id, record.at, JSON.stringify(record));
        for (const caseId of new Set(recordCaseIds(record))) s.putCase.run(caseId, position);
      }
      s.setCheckpoint.run(checkpoint.toString());
    })();
  }

  /** One page after the cursor, in log order, filtered as the scan of the log filters (access-log/reader.ts). */
  page(filter: AccessLogFilter, page: { readonly after?: bigint | undefined; readonly limit: number }): AccessLogPage {
    const byCase = filter.caseId !== undefined;
    const conditions = [byCase ? 'c.case_id = ? AND c.position > ?' : 'r.position > ?'];
    const after = page.after === undefined ? '' : key(page.after);
    const parameters: unknown[] = byCase ? [filter.caseId, after] : [after];
    if (filter.actor !== undefined) conditions.push('r.actor = ?'), parameters.push(filter.actor);
    if (filter.from !== undefined) conditions.push('r.at >= ?'), parameters.push(filter.from);
    if (filter.to !== undefined) conditions.push('r.at <= ?'), parameters.push(filter.to);
    const sql = byCase
      ? `SELECT r.record FROM access_record_cases c JOIN access_records r ON r.position = c.position WHERE ${conditions.join(' AND ')} ORDER BY c.position LIMIT ?`
      : `SELECT r.record FROM access_records r WHERE ${conditions.join(' AND ')} ORDER BY r.position LIMIT ?`;
    let statement = this.#pages.get(sql);
    if (statement === undefined) this.#pages.set(sql, (statement = this.#db.prepare(sql)));
    const records = statement.all(...parameters, page.limit).map((row) => JSON.parse(row.record) as AccessRecordView);
    const last = records[records.length - 1];
    return { records, next: records.length === page.limit && last !== undefined ? BigInt(last.position) : null };
  }
}
