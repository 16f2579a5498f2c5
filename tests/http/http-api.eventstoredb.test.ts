import { openEventStoreDbEventStore } from '../../src/infrastructure/eventstore/eventstoredb/index.js';
import { EsdbTestServer } from '../support/esdb-test-server/index.js';
import { describeHttpApi } from './http-api.js';

// The real EventStoreDB client over gRPC, against the in-process stand-in for a node: one per
// test, since the suite expects a fresh store each time.
describeHttpApi('eventstoredb', async () => {
  const server = await EsdbTestServer.start();
  return { store: openEventStoreDbEventStore(server.connectionString), dispose: () => server.stop() };
});
