/**
 * Emmett's SQLite event store in the peers workload, two ways: its public store
 * (`getSQLiteEventStore`), and its own append and read SQL (`appendToStream`, `readStream`) on one
 * connection kept open, to tell the cost of its connection handling from that of its schema.
 * The package is loaded at run time from this folder, so the project type-checks without it;
 * the types below are the slice of its declarations (0.38.5, dist/index.d.ts) used here.
 */
import { PAYLOAD, type PeerStore } from '../workload.js';

type EmmettEvent = { readonly type: string; readonly data: Record<string, unknown> };
/** Emmett counts a stream's events: an absent stream is at 0, its first event takes it to 1. */
type ExpectedStreamVersion = bigint | 'STREAM_EXISTS' | 'STREAM_DOES_NOT_EXIST' | 'NO_CONCURRENCY_CHECK';
type ReadStreamResult = { readonly currentStreamVersion: bigint; readonly events: readonly unknown[]; readonly streamExists: boolean };

type SQLiteConnection = {
  close(): void;
  query<T>(sql: string, values?: unknown[]): Promise<T[]>;
};

export type EmmettSqlite = {
  getSQLiteEventStore(options: { fileName: string }): {
    appendToStream(
      streamName: string,
      events: EmmettEvent[],
      options?: { expectedStreamVersion?: ExpectedStreamVersion },
    ): Promise<{ nextExpectedStreamVersion: bigint; lastEventGlobalPosition: bigint; createdNewStream: boolean }>;
    readStream(streamName: string): Promise<ReadStreamResult>;
  };
  sqliteConnection(options: { fileName: string }): SQLiteConnection;
  createEventStoreSchema(connection: SQLiteConnection): Promise<void>;
  appendToStream(
    connection: SQLiteConnection,
    streamName: string,
    streamType: string,
    messages: EmmettEvent[],
    options?: { expectedStreamVersion?: ExpectedStreamVersion },
  ): Promise<{ success: true; nextStreamPosition: bigint; lastGlobalPosition: bigint } | { success: false }>;
  readStream(connection: SQLiteConnection, streamId: string): Promise<ReadStreamResult>;
};

const events = (count: number): EmmettEvent[] => Array.from({ length: count }, () => ({ type: 'Benchmarked', data: { payload: PAYLOAD } }));
/** 0n on an absent stream is Emmett's exact "must not exist": it inserts the stream row, which fails if present. */
const expected = (version: number | undefined): bigint => BigInt(version ?? 0);

export function emmettStore(emmett: EmmettSqlite, fileName: string): PeerStore {
  const store = emmett.getSQLiteEventStore({ fileName });
  return {
    async append(stream, version, count = 1) {
      const result = await store.appendToStream(stream, events(count), { expectedStreamVersion: expected(version) });
      return Number(result.nextExpectedStreamVersion);
    },
    async readStream(stream) {
      return (await store.readStream(stream)).events.length;
    },
  };
}

export async function emmettOnOpenConnection(emmett: EmmettSqlite, fileName: string): Promise<PeerStore & { close(): void }> {
  const connection = emmett.sqliteConnection({ fileName });
  await emmett.createEventStoreSchema(connection);
  return {
    async append(stream, version, count = 1) {
      const result = await emmett.appendToStream(connection, stream, 'bench', events(count), { expectedStreamVersion: expected(version) });
      if (!result.success) throw new Error(`expected version conflict on ${stream}`);
      return Number(result.nextStreamPosition);
    },
    async readStream(stream) {
      return (await emmett.readStream(connection, stream)).events.length;
    },
    close: () => connection.close(),
  };
}

/** What the connections Emmett opens run with, read from one of them. */
export async function emmettDurability(emmett: EmmettSqlite, fileName: string): Promise<string> {
  const connection = emmett.sqliteConnection({ fileName });
  try {
    const [journal] = await connection.query<{ journal_mode: string }>('PRAGMA journal_mode');
    const [synchronous] = await connection.query<{ synchronous: number }>('PRAGMA synchronous');
    const level = ['OFF', 'NORMAL', 'FULL', 'EXTRA'][synchronous?.synchronous ?? -1] ?? 'unknown';
    return `journal_mode=${journal?.journal_mode ?? 'unknown'}, synchronous=${level}`;
  } finally {
    connection.close();
  }
}
