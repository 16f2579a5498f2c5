import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStore } from '../../../src/infrastructure/eventstore/eventstore.js';
import { openMemoryEventStore } from '../../../src/infrastructure/eventstore/memory.js';
import { openSqliteEventStore } from '../../../src/infrastructure/eventstore/sqlite/index.js';

/** A store that can be closed and opened again on the same data, to test restarts. */
export type ReopenableStore = { store: EventStore; reopen(): Promise<EventStore>; dispose(): Promise<void> };

export const ADAPTERS: readonly [string, () => ReopenableStore][] = [
  ['memory', () => {
    const store = openMemoryEventStore();
    // An in-memory store cannot restart; "reopening" keeps the same instance.
    return { store, reopen: async () => store, dispose: () => store.close() };
  }],
  ['sqlite', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mappa-handler-'));
    const file = join(dir, 'events.db');
    let current: EventStore = openSqliteEventStore(file);
    return {
      get store() {
        return current;
      },
      async reopen() {
        await current.close();
        current = openSqliteEventStore(file);
        return current;
      },
      async dispose() {
        await current.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }],
];
