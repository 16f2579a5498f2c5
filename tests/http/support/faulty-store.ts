import type { EventStore } from '../../../src/infrastructure/eventstore/eventstore.js';

/** A store that delegates to another, with some operations replaced (to inject faults). */
export function storeWith(store: EventStore, overrides: Partial<EventStore>): EventStore {
  return {
    appendToStream: (...args) => store.appendToStream(...args),
    readStream: (...args) => store.readStream(...args),
    streamVersion: (...args) => store.streamVersion(...args),
    readAll: (...args) => store.readAll(...args),
    subscribeToAll: (...args) => store.subscribeToAll(...args),
    readStreams: (...args) => store.readStreams(...args),
    headPosition: () => store.headPosition(),
    eventIdAt: (...args) => store.eventIdAt(...args),
    storeId: () => store.storeId(),
    close: () => store.close(),
    ...overrides,
  };
}
