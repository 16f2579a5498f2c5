import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StoreUnavailableError, type EventStore } from '../../../src/infrastructure/eventstore/eventstore.js';
import { streams } from '../../../src/infrastructure/eventstore/stream-names.js';
import { ProjectionsInThread } from '../../../src/infrastructure/read-models/projections-in-thread.js';
import { generatedScripts, issueScripts } from '../../support/generated-caseload.js';
import { makeTempDir } from '../../support/temp-dir.js';
import { useAdapter } from '../eventstore/eventstoredb/use-adapter.js';

async function lastProjectedPosition(store: EventStore): Promise<bigint> {
  let last = 0n;
  for await (const e of store.readAll({ streamPrefixes: [streams.casePrefix, streams.areaPrefix] })) last = e.globalPosition;
  return last;
}

describe('projections from an EventStoreDB $all subscription, over real gRPC', () => {
  const esdb = useAdapter();

  it('follow the log live and equal a rebuild, with the checkpoint in the read-model store', async () => {
    const dir = makeTempDir('esdb-projections');
    const live = new ProjectionsInThread(esdb.store, join(dir.path, 'live.db'));
    const rebuilt = new ProjectionsInThread(esdb.store, join(dir.path, 'rebuilt.db'));
    try {
      await live.start();
      await issueScripts(esdb.store, generatedScripts(30, 99));
      const last = await lastProjectedPosition(esdb.store);
      await live.caughtUpTo(last);
      expect(live.readModels.checkpoint()).toBe(last);
      await rebuilt.start();
      expect(live.readModels.dump()).toBe(rebuilt.readModels.dump());
    } finally {
      await live.close();
      await rebuilt.close();
      dir.remove();
    }
  });

  it('resume after the server restarts: nothing skipped, nothing applied twice', async () => {
    const dir = makeTempDir('esdb-projections-restart');
    const live = new ProjectionsInThread(esdb.store, join(dir.path, 'live.db'));
    const rebuilt = new ProjectionsInThread(esdb.store, join(dir.path, 'rebuilt.db'));
    try {
      await live.start();
      await issueScripts(esdb.store, generatedScripts(10, 1));
      await live.caughtUpTo(await lastProjectedPosition(esdb.store));

      await esdb.server.stop();
      await expect(issueScripts(esdb.store, generatedScripts(2, 2))).rejects.toBeInstanceOf(StoreUnavailableError);
      await esdb.server.start();

      await issueScripts(esdb.store, generatedScripts(10, 3).map((s) => s.slice(0, 12)));
      await live.caughtUpTo(await lastProjectedPosition(esdb.store), 20_000);
      expect(live.status()).toMatchObject({ state: 'running', error: null });
      await rebuilt.start();
      expect(live.readModels.dump()).toBe(rebuilt.readModels.dump());
    } finally {
      await live.close();
      await rebuilt.close();
      dir.remove();
    }
  });
});
