/**
 * A minimal process around the SQLite store for crash tests (docs/CHECKS.md D2): POST / with
 * `{ streamName, events, expectedVersion? }` answers 200 only once the append has resolved,
 * i.e. after its group committed. Prints `{"port":n}` on stdout when listening. Usage:
 *   node --import tsx tests/support/sqlite-append-server.ts <database file>
 */
import { createServer } from 'node:http';
import {
  DuplicateEventIdError,
  InvalidAppendError,
  StoreUnavailableError,
  WrongExpectedVersionError,
} from '../../src/infrastructure/eventstore/eventstore.js';
import { openSqliteEventStore } from '../../src/infrastructure/eventstore/sqlite/index.js';

const path = process.argv[2];
if (path === undefined) {
  process.stderr.write('usage: sqlite-append-server.ts <database file>\n');
  process.exit(2);
}
const store = openSqliteEventStore(path);

function statusOf(error: unknown): number {
  if (error instanceof WrongExpectedVersionError || error instanceof DuplicateEventIdError) return 409;
  if (error instanceof InvalidAppendError || error instanceof SyntaxError) return 422;
  if (error instanceof StoreUnavailableError) return 503;
  return 500;
}

const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    void (async () => {
      try {
        const { streamName, events, expectedVersion } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        const result = await store.appendToStream(streamName, events, { expectedVersion });
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ nextExpectedVersion: result.nextExpectedVersion, lastGlobalPosition: String(result.lastGlobalPosition) }));
      } catch (error) {
        response.writeHead(statusOf(error), { 'content-type': 'text/plain' });
        response.end(error instanceof Error ? error.name : 'error');
      }
    })();
  });
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 })}\n`);
});
