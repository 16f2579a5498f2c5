import { describe, expect, it } from 'vitest';
import { openEventStoreDbEventStore } from '../../../../src/infrastructure/eventstore/eventstoredb/index.js';
import { collect, newEvents, uniquePrefix, uniqueStream } from '../contract/fixtures.js';
import { useAdapter } from './use-adapter.js';

const subject = useAdapter();

describe('EventStoreDB adapter: reads', () => {
  it('leaves the server’s own $-streams out of the log', async () => {
    await subject.store.appendToStream(uniqueStream(), newEvents(2));
    expect(subject.server.log.events.some((event) => event.streamName.startsWith('$'))).toBe(true);
    const log = await collect(subject.store.readAll());
    expect(log.length).toBeGreaterThanOrEqual(2);
    expect(log.some((event) => event.streamName.startsWith('$'))).toBe(false);
  });

  it('filters on the server: a few matching events among many take one read per page, not one per page of the log', async () => {
    const prefix = uniquePrefix('needle');
    for (let round = 0; round < 20; round++) await subject.store.appendToStream(uniqueStream('hay'), newEvents(3));
    for (let round = 0; round < 3; round++) await subject.store.appendToStream(`${prefix}${round}`, newEvents(1));
    const reads = subject.server.calls.read;

    const found = await collect(subject.store.readAll({ streamPrefixes: [prefix], batchSize: 2 }));

    expect(found.map((event) => event.streamName)).toEqual([`${prefix}0`, `${prefix}1`, `${prefix}2`]);
    expect(subject.server.calls.read - reads).toBe(2);
  });

  it('an empty prefix list matches nothing, without asking the server', async () => {
    const reads = subject.server.calls.read;
    expect(await collect(subject.store.readAll({ streamPrefixes: [] }))).toEqual([]);
    expect(subject.server.calls.read).toBe(reads);
  });

  it('retries a read while the server restarts, and answers from the same data', async () => {
    const stream = uniqueStream();
    const appended = newEvents(3);
    await subject.store.appendToStream(stream, appended);
    const patient = openEventStoreDbEventStore(subject.server.connectionString, {
      // About 4 s of retrying: grpc-js waits about 1 s (up to 1.2 s) before it reconnects.
      retry: { maxAttempts: 100, initialDelayMs: 20, maxDelayMs: 40 },
    });
    try {
      await subject.server.stop();
      const reading = patient.readStream(stream);
      await new Promise((resolve) => setTimeout(resolve, 150));
      await subject.server.start();
      expect((await reading).map((event) => event.eventId)).toEqual(appended.map((event) => event.eventId));
    } finally {
      await patient.close();
    }
  });
});
