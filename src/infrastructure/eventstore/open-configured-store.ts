import type { StoreLocation } from '../config.js';
import type { EventStore } from './eventstore.js';
import { openEventStoreDbEventStore } from './eventstoredb/index.js';
import { openMemoryEventStore } from './memory.js';
import { openSqliteEventStore } from './sqlite/index.js';

/**
 * The adapter the configuration names (MAPPA_STORE); callers never branch on which it is.
 * `onCommitted`: called after appends through this store object committed (SQLite: so another
 * thread's subscriptions on the same file can be woken at once; see noticeCommitsElsewhere).
 */
export function openConfiguredStore(location: StoreLocation, options: { readonly onCommitted?: () => void } = {}): EventStore {
  const { onCommitted } = options;
  switch (location.kind) {
    case 'memory':
      return openMemoryEventStore();
    case 'sqlite':
      return openSqliteEventStore(location.path, onCommitted === undefined ? {} : { onGroupCommitted: (group) => group.events > 0 && onCommitted() });
    case 'eventstoredb':
      return openEventStoreDbEventStore(location.connectionString);
    default: {
      const unknown: never = location;
      throw new Error(`unknown store ${(unknown as StoreLocation).kind}`);
    }
  }
}
