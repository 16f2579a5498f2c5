/**
 * The EventStore port. One version convention for every adapter: a stream's first event is
 * at stream position 0, so a stream holding n events has version n - 1 and an absent stream
 * has version -1. Global positions are bigints that strictly increase in commit order; each
 * adapter maps its own positions onto them at its edge.
 */

/** `any`: no check; `no_stream`: the stream must be absent; `stream_exists`: it must exist; n: its version must be n. */
export type ExpectedVersion = 'any' | 'no_stream' | 'stream_exists' | number;

export type JsonObject = { [key: string]: unknown };

export type EventToAppend = {
  /**
   * A UUID. Appending a batch whose ids are already stored, in order, in that stream is a no-op
   * (idempotent append). Other reuse of a stored id is refused by the embedded stores
   * (DuplicateEventIdError); EventStoreDB only recognises exact replays, so callers rely on those alone.
   */
  readonly eventId: string;
  readonly type: string;
  readonly data: JsonObject;
  readonly metadata: JsonObject;
};

export type StoredEvent = {
  readonly eventId: string;
  readonly type: string;
  readonly data: JsonObject;
  readonly metadata: JsonObject;
  readonly streamName: string;
  readonly streamPosition: number;
  readonly globalPosition: bigint;
};

export type AppendResult = {
  /** The stream's version after the append (the position of its last event). */
  readonly nextExpectedVersion: number;
  /** Global position of the last event of the batch. */
  readonly lastGlobalPosition: bigint;
};

export type ReadStreamOptions = {
  /** Stream position to start at (inclusive). Default: 0 forwards, the last event backwards. */
  readonly from?: number;
  readonly maxCount?: number;
  readonly direction?: 'forwards' | 'backwards';
};

export type ReadAllOptions = {
  /** Start after this global position (exclusive); absent: from the beginning. */
  readonly after?: bigint;
  /** Only streams whose name starts with one of these. */
  readonly streamPrefixes?: readonly string[];
  /** Page size for the adapter's underlying reads. */
  readonly batchSize?: number;
  /** Stop after this many events. */
  readonly maxCount?: number;
};

export type ReadStreamsOptions = {
  /** Only events at global positions up to this one, inclusive: one consistent cut of the log. */
  readonly upTo?: bigint;
  /**
   * Only the streams of partition `index` of `count`: each stream is in exactly one, and reads of
   * one cut (the same `upTo`) agree on which. How streams are split is the adapter's: by a hash
   * of the name (partitionOf), or for a cut in SQLite by ranges of names of equal event counts.
   */
  readonly partition?: { readonly index: number; readonly count: number };
  /**
   * Only these top-level metadata fields, with scalar values, are needed: an adapter may hand
   * out metadata holding just them (SQLite extracts them natively instead of parsing it all).
   */
  readonly metadataFields?: readonly string[];
};

/** A live feed: everything after `after`, then new events as they are committed, until closed. */
export interface Subscription extends AsyncIterable<StoredEvent> {
  close(): Promise<void>;
}

/**
 * What a command needs of the store (the write side): append to a stream at an expected
 * version, read a stream, and its version. The command handler, the access-log writer and the
 * idempotency records take only this.
 */
export interface EventStreams {
  appendToStream(
    streamName: string,
    events: readonly EventToAppend[],
    options?: { readonly expectedVersion?: ExpectedVersion },
  ): Promise<AppendResult>;
  /** Events of one stream; an absent stream reads as []. */
  readStream(streamName: string, options?: ReadStreamOptions): Promise<readonly StoredEvent[]>;
  /** The stream's version: -1 when absent. */
  streamVersion(streamName: string): Promise<number>;
}

/**
 * What projections need of the store (the read side): the whole log in order, a live feed of
 * it, every stream under a prefix (a rebuild), and where the log ends.
 */
export interface EventLog {
  /** The whole log in global order, paged, up to its end at the time each page is read. */
  readAll(options?: ReadAllOptions): AsyncIterable<StoredEvent>;
  /** Catch up from `after`, then follow the log live. */
  subscribeToAll(options?: Omit<ReadAllOptions, 'maxCount'>): Subscription;
  /**
   * Every stream whose name starts with `prefix`, one stream at a time, each with its events in
   * stream order; streams come in no particular order, and one with no event up to `upTo` is
   * left out. What a rebuild reads: each stream is whole when it arrives.
   */
  readStreams(prefix: string, options?: ReadStreamsOptions): AsyncIterable<readonly StoredEvent[]>;
  /** The global position of the last event in the log; null when the log is empty. */
  headPosition(): Promise<bigint | null>;
}

/** A store as an adapter provides it: both sides, plus what backups and the read models' copy check need, and closing. */
export interface EventStore extends EventStreams, EventLog {
  /**
   * The id of the event at exactly this global position (any stream, the server's own included),
   * or null when there is none: with `storeId`, what tells whether a copy of the log still holds
   * what a reader of it (the read models) saw.
   */
  eventIdAt(globalPosition: bigint): Promise<string | null>;
  /**
   * The identity of this log: created with it, the same for every connection to it and in every
   * copy of it (a backup), different for any other log.
   */
  storeId(): Promise<string>;
  close(): Promise<void>;
}

/** The stream's actual version did not match the expected one; nothing was written. */
export class WrongExpectedVersionError extends Error {
  constructor(
    readonly streamName: string,
    readonly expected: ExpectedVersion,
    /** -1 when the stream is absent. */
    readonly actual: number,
  ) {
    super(`wrong expected version for ${streamName}: expected ${String(expected)}, actual ${actual}`);
    this.name = 'WrongExpectedVersionError';
  }
}

/** An event id in the batch is already stored elsewhere (not an exact replay); nothing was written. Embedded stores only. */
export class DuplicateEventIdError extends Error {
  constructor(readonly eventId: string) {
    super(`event id ${eventId} is already stored`);
    this.name = 'DuplicateEventIdError';
  }
}

/** The batch breaks a store limit (size, count, empty stream name); nothing was written. */
export class InvalidAppendError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidAppendError';
  }
}

/**
 * The store cannot take or serve the request right now (disk full, read-only, server down).
 * Callers answer 503 and may retry; nothing was half-written.
 */
export class StoreUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreUnavailableError';
  }
}
