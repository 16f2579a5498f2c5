import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { StoreUnavailableError, type EventStore } from '../../../../src/infrastructure/eventstore/eventstore.js';
import { openEventStoreDbEventStore, type EventStoreDbEventStoreOptions } from '../../../../src/infrastructure/eventstore/eventstoredb/index.js';
import { EsdbTestServer, type EsdbTestServerOptions } from '../../../support/esdb-test-server/index.js';

/** Quick retries, so a test that waits out the bound does not wait long. */
export const FAST_RETRY: EventStoreDbEventStoreOptions = {
  retry: { maxAttempts: 4, initialDelayMs: 20, maxDelayMs: 80 },
  resubscribe: { initialDelayMs: 20, maxDelayMs: 200 },
};

/** A test server for the file, a fresh adapter for each test; every handle released after. */
export function useAdapter(
  options: EventStoreDbEventStoreOptions = FAST_RETRY,
  serverOptions: EsdbTestServerOptions = {},
): { readonly server: EsdbTestServer; readonly store: EventStore } {
  let server: EsdbTestServer | undefined;
  let store: EventStore | undefined;
  beforeAll(async () => {
    server = await EsdbTestServer.start(serverOptions);
  });
  beforeEach(async () => {
    const restarted = !server!.running;
    await server!.start();
    Object.assign(server!.faults, { loseResponseAfterCommit: 0, rejectBeforeCommit: 0, restartAfterCommit: 0, appendDelayMs: 0, idempotentWithoutPosition: false });
    store = openEventStoreDbEventStore(server!.connectionString, options);
    if (restarted) await untilReachable(store);
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

/**
 * grpc-js shares one connection per target between clients, so after a test stopped the server
 * a fresh client can inherit its reconnect backoff (about 1 s) and fail its first calls with
 * UNAVAILABLE. Each test starts against a server its client can already reach.
 */
async function untilReachable(store: EventStore): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await store.headPosition();
      return;
    } catch (error) {
      if (!(error instanceof StoreUnavailableError) || attempt >= 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
