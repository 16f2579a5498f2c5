import type Database from 'better-sqlite3';
import {
  StoreUnavailableError,
  type AppendResult,
  type EventStore,
  type EventToAppend,
  type ExpectedVersion,
  type ReadAllOptions,
  type ReadStreamOptions,
  type ReadStreamsOptions,
  type StoredEvent,
  type Subscription,
} from '../eventstore.js';
import { validateAppend } from '../shared/append-limits.js';
import { CommitSignal } from '../shared/commit-signal.js';
import { readAllPaged } from '../shared/read-options.js';
import { openConnection } from './connection.js';
import { asStoreError } from './fault.js';
import { GroupCommit, type GroupCommitted } from './group-commit.js';
import { resolvePartition } from '../shared/partition.js';
import { EventReads, prefixRange, storedEventOfRaw } from './read.js';
import { ensureSchema } from './schema.js';
import { DEFAULT_POLL_INTERVAL_MS, followLog } from './subscribe.js';

export type { GroupCommitted } from './group-commit.js';

export type SqliteEventStoreOptions = {
  /** How long to wait for another process's write lock before answering StoreUnavailableError. Default 5000. */
  readonly busyTimeoutMs?: number;
  /** How often idle subscriptions look for commits made by other processes. Default 300. */
  readonly pollIntervalMs?: number;
  /** Called after each group transaction committed, before its callers resume (metrics); must not throw. */
  readonly onGroupCommitted?: (group: GroupCommitted) => void;
};

export interface SqliteEventStore extends EventStore {
  /**
   * Runs a PRAGMA on the connection that commits the groups and returns its first value: for
   * operations and tests (journal_mode, synchronous, page_count, max_page_count).
   */
  pragma(source: string): unknown;
  /**
   * Another connection to the file (another thread) committed appends: idle subscriptions read
   * again now instead of at their next poll.
   */
  noticeCommitsElsewhere(): void;
}

/** The embedded event store: one WAL file, one connection, appends committed in groups. */
export function openSqliteEventStore(path: string, options: SqliteEventStoreOptions = {}): SqliteEventStore {
  let db: Database.Database | undefined;
  try {
    db = openConnection(path, options);
    ensureSchema(db);
  } catch (error) {
    db?.close();
    throw asStoreError(error);
  }
  return new SqliteEventStoreOnFile(db, options);
}

class SqliteEventStoreOnFile implements SqliteEventStore {
  readonly #db: Database.Database;
  readonly #reads: EventReads;
  readonly #groupCommit: GroupCommit;
  readonly #commits = new CommitSignal();
  readonly #followers = new Set<Subscription>();
  readonly #pollIntervalMs: number;
  #closing: Promise<void> | undefined;

  constructor(db: Database.Database, options: SqliteEventStoreOptions) {
    this.#db = db;
    this.#reads = new EventReads(db);
    this.#pollIntervalMs = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
    this.#groupCommit = new GroupCommit(db, (group) => {
      if (group.events > 0) this.#commits.notify();
      options.onGroupCommitted?.(group);
    });
  }

  async appendToStream(
    streamName: string,
    events: readonly EventToAppend[],
    options?: { readonly expectedVersion?: ExpectedVersion },
  ): Promise<AppendResult> {
    this.#ensureOpen();
    return this.#groupCommit.submit(validateAppend(streamName, events, options?.expectedVersion));
  }

  async readStream(streamName: string, options: ReadStreamOptions = {}): Promise<readonly StoredEvent[]> {
    return this.#read(() => this.#reads.stream(streamName, options));
  }

  async streamVersion(streamName: string): Promise<number> {
    return this.#read(() => this.#reads.version(streamName));
  }

  readAll(options: ReadAllOptions = {}): AsyncIterable<StoredEvent> {
    return readAllPaged(options, (after, limit) => this.#read(() => this.#reads.page(after, options.streamPrefixes, limit)));
  }

  async *readStreams(prefix: string, options: ReadStreamsOptions = {}): AsyncGenerator<readonly StoredEvent[]> {
    const partition = resolvePartition(options);
    const upTo = options.upTo ?? BigInt(Number.MAX_SAFE_INTEGER);
    // A cut's partitions are ranges of names (partitionRange); without a cut, appends could move
    // the ranges between one partition's read and the next's, so the name's hash decides.
    const byRange = partition !== undefined && partition.count > 1 && options.upTo !== undefined;
    const names = byRange ? this.#read(() => this.#reads.partitionRange(prefix, upTo, partition)) : prefixRange(prefix);
    const hashed = byRange || partition === undefined ? { index: 0, count: 1 } : partition;
    const limit = 5000;
    let after = { stream: '', position: -1 };
    let stream: StoredEvent[] = [];
    for (;;) {
      const rows = this.#read(() => this.#reads.streamsPage(names, after, upTo, hashed, options.metadataFields, limit));
      for (const row of rows) {
        if (stream.length > 0 && stream[0]!.streamName !== row[1]) {
          yield stream;
          stream = [];
        }
        stream.push(storedEventOfRaw(row, options.metadataFields));
      }
      const last = rows[rows.length - 1];
      if (last === undefined || rows.length < limit) break;
      after = { stream: last[1], position: last[2] };
    }
    if (stream.length > 0) yield stream;
  }

  async headPosition(): Promise<bigint | null> {
    return this.#read(() => this.#reads.head());
  }

  async eventIdAt(globalPosition: bigint): Promise<string | null> {
    // SQLite integers are 64-bit signed: a position past them is no event's.
    if (globalPosition < 1n || globalPosition > 0x7fffffffffffffffn) return null;
    return this.#read(() => this.#reads.eventIdAt(globalPosition));
  }

  async storeId(): Promise<string> {
    return this.#read(() => this.#reads.storeId());
  }

  subscribeToAll(options: Omit<ReadAllOptions, 'maxCount'> = {}): Subscription {
    this.#ensureOpen();
    const follower = followLog(
      {
        readPage: (after, limit) => this.#read(() => this.#reads.page(after, options.streamPrefixes, limit)),
        head: () => this.#read(() => this.#reads.head()),
        commits: this.#commits,
        pollIntervalMs: this.#pollIntervalMs,
        onClose: (closed) => this.#followers.delete(closed),
      },
      options,
    );
    this.#followers.add(follower);
    return follower;
  }

  pragma(source: string): unknown {
    return this.#read(() => this.#db.pragma(source, { simple: true }));
  }

  noticeCommitsElsewhere(): void {
    this.#commits.notify();
  }

  close(): Promise<void> {
    this.#closing ??= this.#shutDown();
    return this.#closing;
  }

  async #shutDown(): Promise<void> {
    // Appends already accepted are committed (or refused) before the file is let go.
    this.#groupCommit.flush();
    await Promise.all([...this.#followers].map((follower) => follower.close()));
    this.#db.close();
  }

  #read<T>(read: () => T): T {
    this.#ensureOpen();
    try {
      return read();
    } catch (error) {
      throw asStoreError(error);
    }
  }

  #ensureOpen(): void {
    if (this.#closing !== undefined) throw new StoreUnavailableError('the event store is closed');
  }
}
