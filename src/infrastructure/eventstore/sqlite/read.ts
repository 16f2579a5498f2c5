import type Database from 'better-sqlite3';
import type { JsonObject, ReadStreamOptions, StoredEvent } from '../eventstore.js';
import { toStoredEvent, type EventRow } from '../shared/event-row.js';
import { PARTITION_SQL } from '../shared/partition.js';
import { resolveStreamSlice } from '../shared/read-options.js';

const COLUMNS = 'global_position, stream_name, stream_position, event_id, type, data, metadata';
/** A row of COLUMNS as an array: log pages read rows this way, which spares better-sqlite3 building an object per row. */
type RawEventRow = [number, string, number, string, string, string, string];

const MAX_POSITION = 2n ** 63n - 1n;

/** Stream names from `from` (inclusive) to `before` (exclusive), in SQLite's binary order. */
export type StreamNameRange = { readonly from: string; readonly before: string };

/** The first string after every string that starts with `prefix`, in SQLite's binary order. */
function prefixEnd(prefix: string): string {
  const last = prefix.charCodeAt(prefix.length - 1);
  return prefix.slice(0, -1) + String.fromCharCode(last + 1);
}

/** All the names of streams with the prefix. */
export const prefixRange = (prefix: string): StreamNameRange => ({ from: prefix, before: prefixEnd(prefix) });

/** toStoredEvent (shared/event-row.ts) for an array row, field for field. */
export function storedEventOfRaw(row: RawEventRow, metadataFields?: readonly string[]): StoredEvent {
  if (metadataFields !== undefined) {
    const metadata: JsonObject = {};
    metadataFields.forEach((field, i) => {
      metadata[field] = (row as unknown[])[7 + i];
    });
    return { eventId: row[3], type: row[4], data: JSON.parse(row[5]) as JsonObject, metadata, streamName: row[1], streamPosition: row[2], globalPosition: BigInt(row[0]) };
  }
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
  readonly #head: Database.Statement<[], number | null>;
  readonly #eventIdAt: Database.Statement<[bigint], string>;
  readonly #storeId: Database.Statement<[], string>;
  readonly #cutSize: Database.Statement<[string, string, bigint], number>;
  readonly #cutNameAt: Database.Statement<[string, string, bigint, number], string>;
  readonly #streamsPages = new Map<string, Database.Statement<unknown[], RawEventRow>>();
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
    this.#head = db.prepare<[], number | null>('SELECT max(global_position) FROM events').pluck();
    this.#eventIdAt = db.prepare<[bigint], string>('SELECT event_id FROM events WHERE global_position = ?').pluck();
    this.#storeId = db.prepare<[], string>('SELECT store_id FROM store_identity WHERE id = 1').pluck();
    // Both read the (stream_name, stream_position) index alone: its entries carry the global position.
    this.#cutSize = db
      .prepare<[string, string, bigint], number>('SELECT count(*) FROM events WHERE stream_name >= ? AND stream_name < ? AND global_position <= ?')
      .pluck();
    this.#cutNameAt = db
      .prepare<[string, string, bigint, number], string>(
        'SELECT stream_name FROM events WHERE stream_name >= ? AND stream_name < ? AND global_position <= ? ORDER BY stream_name, stream_position LIMIT 1 OFFSET ?',
      )
      .pluck();
  }

  eventIdAt(globalPosition: bigint): string | null {
    return this.#eventIdAt.get(globalPosition) ?? null;
  }

  storeId(): string {
    const id = this.#storeId.get();
    if (id === undefined) throw new Error('the event store file has no store identity');
    return id;
  }

  /** The page statement for a metadata selection: the whole JSON, or only some fields as JSON built by SQLite. */
  #streamsPageStatement(metadataFields: readonly string[] | undefined): Database.Statement<unknown[], RawEventRow> {
    const key = metadataFields === undefined ? '' : JSON.stringify(metadataFields);
    let statement = this.#streamsPages.get(key);
    if (statement === undefined) {
      // Some fields only: each extracted by SQLite as a column of its own, after the seven usual ones.
      const metadata =
        metadataFields === undefined
          ? 'metadata'
          : ['NULL', ...metadataFields.map((f) => `json_extract(metadata, '$."${f.replaceAll('"', '""').replaceAll("'", "''")}"')`)].join(', ');
      statement = this.#db
        .prepare<unknown[], RawEventRow>(
          `SELECT global_position, stream_name, stream_position, event_id, type, data, ${metadata} FROM events
           WHERE stream_name >= ? AND stream_name < ? AND (stream_name, stream_position) > (?, ?)
             AND global_position <= ? AND (? = 1 OR ${PARTITION_SQL} % ? = ?)
           ORDER BY stream_name, stream_position LIMIT ?`,
        )
        .raw(true);
      this.#streamsPages.set(key, statement);
    }
    return statement;
  }

  head(): bigint | null {
    const head = this.#head.get();
    return head === null || head === undefined ? null : BigInt(head);
  }

  /** Events of the streams named within `names`, in (stream, position) order, after a (stream, position) key. */
  streamsPage(
    names: StreamNameRange,
    after: { readonly stream: string; readonly position: number },
    upTo: bigint,
    partition: { readonly index: number; readonly count: number },
    metadataFields: readonly string[] | undefined,
    limit: number,
  ): RawEventRow[] {
    // The lower bound is what SQLite seeks to in the index; the row-value test only skips what
    // was already read of the last stream (without it, each page would scan from the prefix on).
    const from = after.stream > names.from ? after.stream : names.from;
    return this.#streamsPageStatement(metadataFields).all(from, names.before, after.stream, after.position, upTo, partition.count, partition.count, partition.index, limit);
  }

  /**
   * Partition `index` of `count` of the prefix's streams in the cut up to `upTo`, as a range of
   * names holding about an equal share of the cut's events: a reader then scans only its own
   * part of the index, where a hash of the name would have every reader scan all of it. The
   * events of a cut never change, so every reader of it finds the same bounds.
   */
  partitionRange(prefix: string, upTo: bigint, partition: { readonly index: number; readonly count: number }): StreamNameRange {
    const whole = prefixRange(prefix);
    const events = this.#cutSize.get(whole.from, whole.before, upTo) ?? 0;
    const boundAt = (share: number): string =>
      share === 0 ? whole.from : share === partition.count ? whole.before : (this.#cutNameAt.get(whole.from, whole.before, upTo, Math.floor((events * share) / partition.count)) ?? whole.before);
    return { from: boundAt(partition.index), before: boundAt(partition.index + 1) };
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
    // SQLite integers are signed 64-bit: no position is beyond the largest, so a cursor past it reads nothing.
    if (after !== undefined && after >= MAX_POSITION) return [];
    return statement.all(after ?? 0n, ...prefixParameters, limit).map((row) => storedEventOfRaw(row));
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
