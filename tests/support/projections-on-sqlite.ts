import { join } from 'node:path';
import { streams } from '../../src/infrastructure/eventstore/stream-names.js';
import { openSqliteEventStore, type SqliteEventStore } from '../../src/infrastructure/eventstore/sqlite/index.js';
import { ProjectionsInThread } from '../../src/infrastructure/read-models/projections-in-thread.js';
import { makeTempDir } from './temp-dir.js';

/**
 * A SQLite store in a temporary folder, and read models opened on it by file name (a live one, a
 * rebuilt one...): `close` closes them all, then the store, and removes the folder.
 */
export function projectionsOnSqlite(label: string) {
  const dir = makeTempDir(label);
  const store = openSqliteEventStore(join(dir.path, 'events.db'));
  const opened: ProjectionsInThread[] = [];
  return {
    store,
    open(name: string): ProjectionsInThread {
      const projections = new ProjectionsInThread(store, join(dir.path, name));
      opened.push(projections);
      return projections;
    },
    async close(): Promise<void> {
      for (const projections of opened.reverse()) await projections.close();
      await store.close();
      dir.remove();
    },
  };
}

/** The position of the last case or area event: what the read models must reach. */
export async function lastProjectedPosition(store: SqliteEventStore): Promise<bigint> {
  let last = 0n;
  for await (const e of store.readAll({ streamPrefixes: [streams.casePrefix, streams.areaPrefix] })) last = e.globalPosition;
  return last;
}
