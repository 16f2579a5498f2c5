import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoreUnavailableError, type EventStore, type EventToAppend, type StoredEvent } from '../../../../src/infrastructure/eventstore/eventstore.js';
import { openEventStoreDbEventStore } from '../../../../src/infrastructure/eventstore/eventstoredb/index.js';
import { EsdbTestServer } from '../../../support/esdb-test-server/index.js';
import { logUnder, newEvents, sleep, strictlyIncreasing, uniquePrefix, within } from '../contract/fixtures.js';

const WRITERS = 8;
/** The adapter gives up after 5 attempts: about 0.2 to 0.5 s of backoff. */
const RETRY = { maxAttempts: 5, initialDelayMs: 25, maxDelayMs: 200 };
const DOWNTIME_MS = 1_200;

type Failure = { readonly error: unknown; readonly startedAt: number; readonly endedAt: number };

/**
 * One writer: appends batches to its own stream with the exact expected version, and when an
 * append fails with StoreUnavailableError sends the very same batch again later, as a caller
 * with an idempotency key would. Every batch must end up in the stream exactly once.
 */
async function write(store: EventStore, stream: string, running: () => boolean, failures: Failure[], acknowledged: Array<{ batch: EventToAppend[]; at: number }>) {
  let version = -1;
  for (let round = 0; running(); round++) {
    const batch = newEvents(1 + (round % 3));
    for (;;) {
      const startedAt = Date.now();
      try {
        const result = await store.appendToStream(stream, batch, { expectedVersion: version === -1 ? 'no_stream' : version });
        acknowledged.push({ batch, at: Date.now() });
        version = result.nextExpectedVersion;
        break;
      } catch (error) {
        failures.push({ error, startedAt, endedAt: Date.now() });
        if (!(error instanceof StoreUnavailableError)) return;
        await sleep(50);
      }
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('EventStoreDB adapter: the server restarts during a load of concurrent appends', () => {
  let server: EsdbTestServer;
  let store: EventStore;
  beforeAll(async () => {
    server = await EsdbTestServer.start();
    store = openEventStoreDbEventStore(server.connectionString, { retry: RETRY, resubscribe: { initialDelayMs: 20, maxDelayMs: 200 } });
  });
  afterAll(async () => {
    await store.close();
    await server.stop();
  });

  it('loses no acknowledged append, writes none twice, fails appends while down with StoreUnavailableError, recovers, and the live subscription resumes exactly', async () => {
    const prefix = uniquePrefix('load');
    const subscription = store.subscribeToAll({ streamPrefixes: [prefix] });
    const delivered: StoredEvent[] = [];
    const consuming = (async () => {
      for await (const event of subscription) delivered.push(event);
    })();

    let running = true;
    const failures: Failure[] = [];
    const acknowledged = Array.from({ length: WRITERS }, () => [] as Array<{ batch: EventToAppend[]; at: number }>);
    const writers = Array.from({ length: WRITERS }, (_, writer) =>
      write(store, `${prefix}w${writer}`, () => running, failures, acknowledged[writer]!),
    );

    // Some answers lost after the write, as when a connection drops just after the commit.
    server.faults.loseResponseAfterCommit = 5;
    await sleep(300);
    const appendsBeforeStop = server.calls.batchAppendWrites;
    await server.stop();
    const downAt = Date.now();
    await sleep(DOWNTIME_MS);
    await server.start();
    const upAt = Date.now();
    await sleep(500);
    running = false;
    await within(Promise.all(writers), 15_000, () => 'writers did not finish');

    // Appends issued while the server was down failed with the port's error, in bounded time.
    expect(failures.filter((failure) => !(failure.error instanceof StoreUnavailableError))).toEqual([]);
    const duringDowntime = failures.filter((failure) => failure.startedAt >= downAt && failure.endedAt < upAt);
    expect(duringDowntime.length).toBeGreaterThan(0);
    expect(Math.max(...failures.map((failure) => failure.endedAt - failure.startedAt))).toBeLessThan(3_000);
    // The lost answers really happened, and the adapter got through them without being recreated.
    expect(server.faults.loseResponseAfterCommit).toBe(0);
    expect(appendsBeforeStop).toBeGreaterThan(0);
    expect(acknowledged.flat().some((ack) => ack.at > upAt)).toBe(true);

    // Every acknowledged batch is readable, in order, exactly once; nothing else was written.
    for (const [writer, acks] of acknowledged.entries()) {
      const ids = (await store.readStream(`${prefix}w${writer}`)).map((event) => event.eventId);
      expect(ids).toEqual(acks.flatMap((ack) => ack.batch.map((event) => event.eventId)));
    }
    const log = await logUnder(store, prefix);
    const total = acknowledged.flat().reduce((sum, ack) => sum + ack.batch.length, 0);
    expect(log).toHaveLength(total);
    expect(new Set(log.map((event) => event.eventId)).size).toBe(total);

    // The subscription came back by itself and delivered the log exactly: nothing skipped or repeated.
    const deadline = Date.now() + 10_000;
    while (delivered.length < total && Date.now() < deadline) await sleep(20);
    await sleep(100);
    await subscription.close();
    await consuming;
    expect(delivered.map((event) => event.eventId)).toEqual(log.map((event) => event.eventId));
    expect(strictlyIncreasing(delivered.map((event) => event.globalPosition))).toBe(true);
  });
});
