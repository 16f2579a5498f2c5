import { afterAll, beforeAll, expect } from 'vitest';
import { openEventStoreDbEventStore } from '../../../src/infrastructure/eventstore/eventstoredb/index.js';
import { EsdbTestServer } from '../../support/esdb-test-server/index.js';
import { describeEventStoreContract } from './contract.js';

/*
 * The real client over real gRPC on 127.0.0.1, against the in-process stand-in for a 24.10
 * node, so appends take the client's production path, BatchAppend (the classic Append path has
 * its own tests in eventstoredb/classic-append.test.ts). EventStoreDB recognises only exact
 * replays of event ids, so the embedded stores' global id uniqueness
 * (contract/global-event-ids.ts) is not run here.
 */
let server: EsdbTestServer;
beforeAll(async () => {
  server = await EsdbTestServer.start();
});
afterAll(async () => {
  await server.stop();
  // Every append of the suite went over BatchAppend, none over Append.
  expect(server.calls.batchAppendWrites).toBeGreaterThan(100);
  expect(server.calls.append).toBe(0);
});

describeEventStoreContract('eventstoredb', async () => {
  const store = openEventStoreDbEventStore(server.connectionString);
  return { store, dispose: () => store.close() };
});
