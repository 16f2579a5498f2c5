import { EventStoreDBClient } from '@eventstore/db-client';
import type { EventStore } from '../eventstore.js';
import { EventStoreDbEventStore } from './eventstoredb-event-store.js';
import { resolveOptions, type EventStoreDbEventStoreOptions } from './options.js';

export type { EventStoreDbEventStoreOptions } from './options.js';
export type { BackoffPolicy, RetryPolicy } from './backoff.js';
export { decodeGlobalPosition, encodeGlobalPosition, type AllPosition } from './global-position.js';

/**
 * The production event store: EventStoreDB over gRPC, e.g.
 * `esdb://user:password@host:2113?tls=true`. Connecting is lazy: a bad host shows up as
 * StoreUnavailableError on the first call, a malformed connection string throws here.
 */
export function openEventStoreDbEventStore(
  connectionString: string,
  options: EventStoreDbEventStoreOptions = {},
): EventStore {
  const resolved = resolveOptions(options);
  return new EventStoreDbEventStore(EventStoreDBClient.connectionString(connectionString), resolved);
}
