import { EventStoreDBClient } from '@eventstore/db-client';
import { afterAll, beforeAll } from 'vitest';
import { EsdbTestServer, type EsdbTestServerOptions } from './esdb-test-server.js';

/** One test server and one real client for a test file; both released after it. */
export function useTestServer(options: EsdbTestServerOptions = {}): { readonly server: EsdbTestServer; readonly client: EventStoreDBClient } {
  let server: EsdbTestServer | undefined;
  let client: EventStoreDBClient | undefined;
  beforeAll(async () => {
    server = await EsdbTestServer.start(options);
    client = EventStoreDBClient.connectionString(server.connectionString);
  });
  afterAll(async () => {
    await client?.dispose();
    await server?.stop();
  });
  return {
    get server() {
      if (server === undefined) throw new Error('the test server only runs inside the test file');
      return server;
    },
    get client() {
      if (client === undefined) throw new Error('the client only exists inside the test file');
      return client;
    },
  };
}
