import type Database from 'better-sqlite3';
import type { JsonObject, ReadStreamOptions, StoredEvent } from '../eventstore.js';
import { toStoredEvent, type EventRow } from '../shared/event-row.js';
import { resolveStreamSlice } from '../shared/read-options.js';

const COLUMNS = 'global_position, stream_name, stream_position, event_id, type, data, metadata';
/** A row of COLUMNS as an array: log pages read rows this way, which spares better-sqlite3 building an object per row. */
type RawEventRow = [number, string, number, string, string, string, string];

/** toStoredEvent (shared/event-row.ts) for an array row, field for field. */
function storedEventOfRaw(row: RawEventRow): StoredEvent {
  return {
    eventId: row[3],
    type: row[4],
    data: JSON.parse(row[5]) as JsonObject,
    metadata: JSON.parse(row[6]) as JsonObject,
    streamName: row[1],
    streamPosition: row[2],
    globalPosition: BigInt(row[0]),
  };
}
/** SQLite reads LIMIT -1 as "no limit". */
const NO_LIMIT = -1;

/** Prepared reads. better-sqlite3 runs each statement to completion, so a read never sees half a commit. */
export class EventReads {
  readonly #db: Database.Database;
  readonly #forwards: Database.Statement<[string, number, number], EventRow>;
  readonly #backwards: Database.Statement<[string, number, number], EventRow>;
  readonly #version: Database.Statement<[string], number>;
  /** Log pages, by number of stream prefixes (0: unfiltered). */
  readonly #pages = new Map<number, Database.Statement<unknown[], RawEventRow>>();

  constructor(db: Database.Database) {
    this.#db = db;
    this.#forwards = db.prepare(
      `SELECT ${COLUMNS} FROM events WHERE stream_name = ? AND stream_position >= ? ORDER BY stream_position LIMIT ?`,
    );
    this.#backwards = db.prepare(
      `SELECT ${COLUMNS} FROM events WHERE stream_name = ? AND stream_position <= ? ORDER BY stream_position DESC LIMIT ?`,
    );
    this.#version = db
      .prepare<[string], number>('SELECT stream_position FROM events WHERE stream_name = ? ORDER BY stream_position DESC LIMIT 1')
      .pluck();
  }

  stream(streamName: string, options: ReadStreamOptions): StoredEvent[] {
    const { direction, from, maxCount } = resolveStreamSlice(options);
    const limit = Number.isFinite(maxCount) ? maxCount : NO_LIMIT;
    const rows =
      direction === 'forwards'
        ? this.#forwards.all(streamName, from ?? 0, limit)
        : this.#backwards.all(streamName, from ?? Number.MAX_SAFE_INTEGER, limit);
    return rows.map(toStoredEvent);
  }

  version(streamName: string): number {
    return this.#version.get(streamName) ?? -1;
  }

  /** Up to `limit` events after `after` (exclusive), in global order, from streams with one of the prefixes. */
  page(after: bigint | undefined, prefixes: readonly string[] | undefined, limit: number): StoredEvent[] {
    if (prefixes !== undefined && prefixes.length === 0) return [];
    const statement = this.#pageStatement(prefixes?.length ?? 0);
    const prefixParameters = (prefixes ?? []).flatMap((prefix) => [prefix, prefix]);
    return statement.all(after ?? 0n, ...prefixParameters, limit).map(storedEventOfRaw);
  }

  #pageStatement(prefixCount: number): Database.Statement<unknown[], RawEventRow> {
    let statement = this.#pages.get(prefixCount);
    if (statement === undefined) {
      const filter =
        prefixCount === 0
          ? ''
          : `AND (${Array.from({ length: prefixCount }, () => 'substr(stream_name, 1, length(?)) = ?').join(' OR ')})`;
      statement = this.#db
        .prepare<unknown[], RawEventRow>(`SELECT ${COLUMNS} FROM events WHERE global_position > ? ${filter} ORDER BY global_position LIMIT ?`)
        .raw(true);
      this.#pages.set(prefixCount, statement);
    }
    return statement;
  }
}
