import { setMaxListeners } from 'node:events';
import type { EventStoreDBClient } from '@eventstore/db-client';
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
import { readAllPaged, resolveBatchSize } from '../shared/read-options.js';
import { appendOnce } from './append.js';
import { toPortError } from './map-error.js';
import type { ResolvedOptions } from './options.js';
import { readAllPageOnce } from './read-all.js';
import { lastEventOnce, readStreamOnce } from './read-stream.js';
import { eventIdAtOnce, headPositionOnce, streamsFromAll } from './read-streams.js';
import { storeIdFromStream } from '../shared/store-identity.js';
import { withRetry } from './retry.js';
import { EventStoreDbSubscription } from './subscription.js';

/**
 * The EventStore port on EventStoreDB. The client neither retries nor resubscribes; this store
 * retries appends and reads on connection failures (withRetry) and keeps subscriptions alive
 * (EventStoreDbSubscription), and speaks the port's versions, positions and errors.
 */
export class EventStoreDbEventStore implements EventStore {
  readonly #client: EventStoreDBClient;
  readonly #options: ResolvedOptions;
  readonly #closing = new AbortController();
  readonly #subscriptions = new Set<EventStoreDbSubscription>();
  #closed: Promise<void> | undefined;
  #storeId: Promise<string> | undefined;

  constructor(client: EventStoreDBClient, options: ResolvedOptions) {
    this.#client = client;
    this.#options = options;
    // Every call backing off during an outage waits on this signal: many listeners, no leak.
    setMaxListeners(0, this.#closing.signal);
  }

  async appendToStream(
    streamName: string,
    events: readonly EventToAppend[],
    options?: { readonly expectedVersion?: ExpectedVersion },
  ): Promise<AppendResult> {
    this.#ensureOpen();
    const append = validateAppend(streamName, events, options?.expectedVersion);
    try {
      return await this.#retry(`append to ${streamName}`, () =>
        appendOnce(this.#client, append, this.#options.appendDeadlineMs),
      );
    } catch (error) {
      throw toPortError(error, append);
    }
  }

  async readStream(streamName: string, options: ReadStreamOptions = {}): Promise<readonly StoredEvent[]> {
    this.#ensureOpen();
    return this.#read(`read ${streamName}`, () => readStreamOnce(this.#client, streamName, options));
  }

  async streamVersion(streamName: string): Promise<number> {
    this.#ensureOpen();
    const last = await this.#read(`read the version of ${streamName}`, () => lastEventOnce(this.#client, streamName));
    return last?.streamPosition ?? -1;
  }

  readAll(options: ReadAllOptions = {}): AsyncIterable<StoredEvent> {
    return readAllPaged(options, (after, limit) => {
      this.#ensureOpen();
      return this.#read('read $all', () => readAllPageOnce(this.#client, after, limit, options.streamPrefixes));
    });
  }

  readStreams(prefix: string, options: ReadStreamsOptions = {}): AsyncIterable<readonly StoredEvent[]> {
    this.#ensureOpen();
    return streamsFromAll(this.readAll({ streamPrefixes: [prefix], batchSize: 1000 }), prefix, options);
  }

  async headPosition(): Promise<bigint | null> {
    this.#ensureOpen();
    return this.#read('read the end of $all', () => headPositionOnce(this.#client));
  }

  async eventIdAt(globalPosition: bigint): Promise<string | null> {
    this.#ensureOpen();
    return this.#read(`read the event at ${globalPosition}`, () => eventIdAtOnce(this.#client, globalPosition));
  }

  /** Kept in the stream `mappa-store` (EventStoreDB has no other place for it); read once per connection. */
  storeId(): Promise<string> {
    this.#storeId ??= storeIdFromStream(this).catch((error: unknown) => {
      this.#storeId = undefined;
      throw error;
    });
    return this.#storeId;
  }

  subscribeToAll(options: Omit<ReadAllOptions, 'maxCount'> = {}): Subscription {
    this.#ensureOpen();
    // Pages are the server's business for a push subscription; the option is still checked
    // so a nonsensical one fails here as it does on the other stores.
    resolveBatchSize(options.batchSize);
    const subscription = new EventStoreDbSubscription(this.#client, {
      after: options.after,
      streamPrefixes: options.streamPrefixes,
      resubscribe: this.#options.resubscribe,
      onClose: (closed) => this.#subscriptions.delete(closed),
    });
    this.#subscriptions.add(subscription);
    return subscription;
  }

  close(): Promise<void> {
    this.#closed ??= this.#shutDown();
    return this.#closed;
  }

  async #shutDown(): Promise<void> {
    this.#closing.abort();
    await Promise.all([...this.#subscriptions].map((subscription) => subscription.close()));
    await this.#client.dispose();
  }

  #retry<T>(what: string, operation: () => Promise<T>): Promise<T> {
    return withRetry(operation, this.#options.retry, what, this.#closing.signal);
  }

  async #read<T>(what: string, read: () => Promise<T>): Promise<T> {
    try {
      return await this.#retry(what, read);
    } catch (error) {
      throw toPortError(error);
    }
  }

  #ensureOpen(): void {
    if (this.#closed !== undefined) throw new StoreUnavailableError('the event store is closed');
  }
}
