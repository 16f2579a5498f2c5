import type { StoreLocation } from '../config.js';
import type { EventStore } from './eventstore.js';
import { openEventStoreDbEventStore } from './eventstoredb/index.js';
import { openMemoryEventStore } from './memory.js';
import { openSqliteEventStore } from './sqlite/index.js';

/**
 * The adapter the configuration names (MAPPA_STORE); callers never branch on which it is.
 * `pollIntervalMs`: how often an idle subscription looks for commits made through another
 * connection (SQLite only; a worker thread following the server's appends asks for less than
 * the default).
 */
export function openConfiguredStore(location: StoreLocation, options: { readonly pollIntervalMs?: number } = {}): EventStore {
  switch (location.kind) {
    case 'memory':
      return openMemoryEventStore();
    case 'sqlite':
      return openSqliteEventStore(location.path, options.pollIntervalMs === undefined ? {} : { pollIntervalMs: options.pollIntervalMs });
    case 'eventstoredb':
      return openEventStoreDbEventStore(location.connectionString);
    default: {
      const unknown: never = location;
      throw new Error(`unknown store ${(unknown as StoreLocation).kind}`);
    }
  }
}
