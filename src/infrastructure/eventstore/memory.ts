import { randomUUID } from 'node:crypto';
import {
  StoreUnavailableError,
  WrongExpectedVersionError,
  type AppendResult,
  type EventStore,
  type EventToAppend,
  type ExpectedVersion,
  type ReadAllOptions,
  type ReadStreamOptions,
  type ReadStreamsOptions,
  type StoredEvent,
  type Subscription,
} from './eventstore.js';
import { validateAppend, type ValidAppend } from './shared/append-limits.js';
import { CommitSignal } from './shared/commit-signal.js';
import { toStoredEvent, type EventRow } from './shared/event-row.js';
import { satisfiesExpectedVersion } from './shared/expected-version.js';
import { judgeReplay } from './shared/idempotent-replay.js';
import { LogFollower } from './shared/log-follower.js';
import { inStreamsCut } from './shared/partition.js';
import { matchesPrefixes, readAllPaged, resolveBatchSize, sliceStream } from './shared/read-options.js';

/**
 * The in-memory adapter, for tests. Same semantics as the SQLite store: each append is checked
 * and applied whole at the moment it is called, so concurrent callers are served in arrival
 * order without any grouping. JSON is stored serialized, so reads return what a durable store
 * would return and never objects a caller could still mutate.
 */
export function openMemoryEventStore(): EventStore {
  return new MemoryEventStore();
}

class MemoryEventStore implements EventStore {
  /** Global position p is at index p - 1. */
  readonly #log: EventRow[] = [];
  readonly #streams = new Map<string, EventRow[]>();
  readonly #byEventId = new Map<string, EventRow>();
  readonly #commits = new CommitSignal();
  readonly #followers = new Set<LogFollower>();
  readonly #storeId = randomUUID();
  #closed = false;

  async appendToStream(
    streamName: string,
    events: readonly EventToAppend[],
    options?: { readonly expectedVersion?: ExpectedVersion },
  ): Promise<AppendResult> {
    this.#ensureOpen();
    const append = validateAppend(streamName, events, options?.expectedVersion);
    const { result, wrote } = this.#apply(append);
    if (wrote) this.#commits.notify();
    return result;
  }

  async readStream(streamName: string, options: ReadStreamOptions = {}): Promise<readonly StoredEvent[]> {
    this.#ensureOpen();
    return sliceStream(this.#streams.get(streamName) ?? [], options).map(toStoredEvent);
  }

  async streamVersion(streamName: string): Promise<number> {
    this.#ensureOpen();
    return (this.#streams.get(streamName)?.length ?? 0) - 1;
  }

  readAll(options: ReadAllOptions = {}): AsyncIterable<StoredEvent> {
    return readAllPaged(options, (after, limit) => this.#readPage(after, options.streamPrefixes, limit));
  }

  async *readStreams(prefix: string, options: ReadStreamsOptions = {}): AsyncGenerator<readonly StoredEvent[]> {
    this.#ensureOpen();
    for (const [name, rows] of [...this.#streams]) {
      if (!inStreamsCut(name, prefix, options)) continue;
      const cut = options.upTo === undefined ? rows : rows.filter((row) => BigInt(row.global_position) <= options.upTo!);
      if (cut.length > 0) yield cut.map(toStoredEvent);
    }
  }

  async headPosition(): Promise<bigint | null> {
    this.#ensureOpen();
    return this.#log.length === 0 ? null : BigInt(this.#log.length);
  }

  async eventIdAt(globalPosition: bigint): Promise<string | null> {
    this.#ensureOpen();
    return globalPosition >= 1n && globalPosition <= BigInt(this.#log.length) ? this.#log[Number(globalPosition) - 1]!.event_id : null;
  }

  /** A log in memory is new with every store: its identity is too. */
  async storeId(): Promise<string> {
    this.#ensureOpen();
    return this.#storeId;
  }

  subscribeToAll(options: Omit<ReadAllOptions, 'maxCount'> = {}): Subscription {
    this.#ensureOpen();
    const follower: LogFollower = new LogFollower(
      {
        readPage: (after, limit) => this.#readPage(after, options.streamPrefixes, limit),
        head: () => (this.#log.length === 0 ? null : BigInt(this.#log.length)),
        commits: this.#commits,
        onClose: () => this.#followers.delete(follower),
      },
      { after: options.after, batchSize: resolveBatchSize(options.batchSize) },
    );
    this.#followers.add(follower);
    return follower;
  }

  async close(): Promise<void> {
    this.#closed = true;
    await Promise.all([...this.#followers].map((follower) => follower.close()));
  }

  #apply(append: ValidAppend): { result: AppendResult; wrote: boolean } {
    const verdict = judgeReplay(append, (eventId) => {
      const row = this.#byEventId.get(eventId);
      return row && {
        streamName: row.stream_name,
        streamPosition: row.stream_position,
        globalPosition: BigInt(row.global_position),
      };
    });
    if (verdict.kind === 'replay') return { result: verdict.result, wrote: false };

    const stream = this.#streams.get(append.streamName) ?? [];
    const actual = stream.length - 1;
    if (!satisfiesExpectedVersion(append.expectedVersion, actual)) {
      throw new WrongExpectedVersionError(append.streamName, append.expectedVersion, actual);
    }
    if (append.events.length === 0) {
      const last = stream[stream.length - 1];
      return { result: { nextExpectedVersion: actual, lastGlobalPosition: BigInt(last?.global_position ?? -1) }, wrote: false };
    }
    for (const event of append.events) {
      const row: EventRow = {
        global_position: this.#log.length + 1,
        stream_name: append.streamName,
        stream_position: stream.length,
        event_id: event.eventId,
        type: event.type,
        data: event.data,
        metadata: event.metadata,
      };
      this.#log.push(row);
      stream.push(row);
      this.#byEventId.set(row.event_id, row);
    }
    this.#streams.set(append.streamName, stream);
    const last = stream[stream.length - 1]!;
    return { result: { nextExpectedVersion: last.stream_position, lastGlobalPosition: BigInt(last.global_position) }, wrote: true };
  }

  #readPage(after: bigint | undefined, prefixes: readonly string[] | undefined, limit: number): StoredEvent[] {
    this.#ensureOpen();
    const page: StoredEvent[] = [];
    const start = after === undefined || after < 0n ? 0 : Number(after);
    for (let index = start; index < this.#log.length && page.length < limit; index++) {
      const row = this.#log[index]!;
      if (matchesPrefixes(row.stream_name, prefixes)) page.push(toStoredEvent(row));
    }
    return page;
  }

  #ensureOpen(): void {
    if (this.#closed) throw new StoreUnavailableError('the event store is closed');
  }
}
