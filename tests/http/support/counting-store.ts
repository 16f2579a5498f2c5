import type { EventStore } from '../../../src/infrastructure/eventstore/eventstore.js';
import { storeWith } from './faulty-store.js';

/** A store that counts the stream reads of each stream (what a case read or command costs). */
export function countingStreamReads(store: EventStore): { readonly store: EventStore; reads(streamName: string): number; reset(): void } {
  const counts = new Map<string, number>();
  return {
    store: storeWith(store, {
      readStream: (streamName, options) => {
        counts.set(streamName, (counts.get(streamName) ?? 0) + 1);
        return store.readStream(streamName, options);
      },
    }),
    reads: (streamName) => counts.get(streamName) ?? 0,
    reset: () => counts.clear(),
  };
}
