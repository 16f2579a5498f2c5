import { afterAll, expect } from 'vitest';
import { openEventStoreDbEventStore } from '../../src/infrastructure/eventstore/eventstoredb/index.js';
import { EsdbTestServer } from '../support/esdb-test-server/index.js';
import { describeHttpApi } from './http-api.js';

// The real EventStoreDB client over gRPC, against the in-process stand-in for a 24.10 node: one
// per test, since the suite expects a fresh store each time.
const servers: EsdbTestServer[] = [];
describeHttpApi('eventstoredb', async () => {
  const server = await EsdbTestServer.start();
  servers.push(server);
  return { store: openEventStoreDbEventStore(server.connectionString), dispose: () => server.stop() };
});

// The suite went through the client's production append path, BatchAppend, and never Append.
afterAll(() => {
  const sum = (count: (server: EsdbTestServer) => number) => servers.reduce((total, server) => total + count(server), 0);
  expect(sum((server) => server.calls.batchAppendWrites)).toBeGreaterThan(100);
  expect(sum((server) => server.calls.append)).toBe(0);
});
