import { join } from 'node:path';
import type { EventStore } from '../../../src/infrastructure/eventstore/eventstore.js';
import { openMemoryEventStore } from '../../../src/infrastructure/eventstore/memory.js';
import { openSqliteEventStore } from '../../../src/infrastructure/eventstore/sqlite/index.js';
import { makeTempDir } from '../../support/temp-dir.js';

/** A fresh store for one test, and what to release after it (the API closes the store itself). */
export type OpenHttpStore = () => Promise<{ readonly store: EventStore; readonly dispose: () => Promise<void> }>;

export const openMemoryStore: OpenHttpStore = async () => ({ store: openMemoryEventStore(), dispose: async () => {} });

export const openSqliteStore: OpenHttpStore = async () => {
  const dir = makeTempDir('http');
  return { store: openSqliteEventStore(join(dir.path, 'events.db')), dispose: async () => dir.remove() };
};
