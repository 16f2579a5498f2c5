import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { EventStore } from '../../../../src/infrastructure/eventstore/eventstore.js';
import { openEventStoreDbEventStore, type EventStoreDbEventStoreOptions } from '../../../../src/infrastructure/eventstore/eventstoredb/index.js';
import { EsdbTestServer } from '../../../support/esdb-test-server/index.js';

/** Quick retries, so a test that waits out the bound does not wait long. */
export const FAST_RETRY: EventStoreDbEventStoreOptions = {
  retry: { maxAttempts: 4, initialDelayMs: 20, maxDelayMs: 80 },
  resubscribe: { initialDelayMs: 20, maxDelayMs: 200 },
};

/** A test server for the file, a fresh adapter for each test; every handle released after. */
export function useAdapter(options: EventStoreDbEventStoreOptions = FAST_RETRY): { readonly server: EsdbTestServer; readonly store: EventStore } {
  let server: EsdbTestServer | undefined;
  let store: EventStore | undefined;
  beforeAll(async () => {
    server = await EsdbTestServer.start();
  });
  beforeEach(async () => {
    await server!.start();
    Object.assign(server!.faults, { loseResponseAfterCommit: 0, rejectBeforeCommit: 0, appendDelayMs: 0, idempotentWithoutPosition: false });
    store = openEventStoreDbEventStore(server!.connectionString, options);
  });
  afterEach(async () => {
    await store?.close();
  });
  afterAll(async () => {
    await server?.stop();
  });
  return {
    get server() {
      return server!;
    },
    get store() {
      return store!;
    },
  };
}
