import { afterAll, beforeAll } from 'vitest';
import { openEventStoreDbEventStore } from '../../../src/infrastructure/eventstore/eventstoredb/index.js';
import { EsdbTestServer } from '../../support/esdb-test-server/index.js';
import { describeEventStoreContract } from './contract.js';

/*
 * The real client over real gRPC on 127.0.0.1, against the in-process stand-in for a node.
 * EventStoreDB recognises only exact replays of event ids, so the embedded stores' global
 * id uniqueness (contract/global-event-ids.ts) is not run here.
 */
let server: EsdbTestServer;
beforeAll(async () => {
  server = await EsdbTestServer.start();
});
afterAll(async () => {
  await server.stop();
});

describeEventStoreContract('eventstoredb', async () => {
  const store = openEventStoreDbEventStore(server.connectionString);
  return { store, dispose: () => store.close() };
});
