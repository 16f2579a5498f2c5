import type { StoreLocation } from '../config.js';
import type { EventStore } from './eventstore.js';
import { openEventStoreDbEventStore } from './eventstoredb/index.js';
import { openMemoryEventStore } from './memory.js';
import { openSqliteEventStore } from './sqlite/index.js';

/** The adapter the configuration names (MAPPA_STORE); callers never branch on which it is. */
export function openConfiguredStore(location: StoreLocation): EventStore {
  switch (location.kind) {
    case 'memory':
      return openMemoryEventStore();
    case 'sqlite':
      return openSqliteEventStore(location.path);
    case 'eventstoredb':
      return openEventStoreDbEventStore(location.connectionString);
    default: {
      const unknown: never = location;
      throw new Error(`unknown store ${(unknown as StoreLocation).kind}`);
    }
  }
}
