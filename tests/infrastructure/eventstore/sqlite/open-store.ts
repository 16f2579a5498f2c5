import { join } from 'node:path';
import { openSqliteEventStore, type SqliteEventStore, type SqliteEventStoreOptions } from '../../../../src/infrastructure/eventstore/sqlite/index.js';
import { makeTempDir } from '../../../support/temp-dir.js';

/** A SQLite store on a new file in its own temp directory; dispose closes it and removes the directory. */
export function openStoreInTempDir(
  label: string,
  options?: SqliteEventStoreOptions,
): { store: SqliteEventStore; path: string; dir: string; dispose(): Promise<void> } {
  const dir = makeTempDir(label);
  const path = join(dir.path, 'events.db');
  const store = openSqliteEventStore(path, options);
  return {
    store,
    path,
    dir: dir.path,
    dispose: async () => {
      await store.close();
      dir.remove();
    },
  };
}
