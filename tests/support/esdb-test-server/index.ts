export { EsdbTestServer, type EsdbTestServerOptions } from './esdb-test-server.js';
export type { RecordedEvent } from './recorded-event.js';
