import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { newEvents, sleep, take, uniquePrefix, within } from '../contract/fixtures.js';
import { ExpectedVersion } from '../../../support/esdb-test-server/recorded-event.js';
import { openEventStoreDbEventStore } from '../../../../src/infrastructure/eventstore/eventstoredb/index.js';
import { useAdapter } from './use-adapter.js';

const subject = useAdapter();

describe('EventStoreDB adapter: subscriptions', () => {
  it('leave the server’s own $-streams out', async () => {
    await subject.store.appendToStream(`${uniquePrefix('app')}s`, newEvents(1));
    const subscription = subject.store.subscribeToAll();
    try {
      const [first] = await take(subscription, 1);
      expect(subject.server.log.events[0]!.streamName.startsWith('$')).toBe(true);
      expect(first!.streamName.startsWith('$')).toBe(false);
    } finally {
      await subscription.close();
    }
  });

  it('subscribe again after the server restarts, from the last event handed out: nothing skipped, nothing repeated', async () => {
    const prefix = uniquePrefix('resume');
    const before = newEvents(3);
    await subject.store.appendToStream(`${prefix}s`, before);
    const subscription = subject.store.subscribeToAll({ streamPrefixes: [prefix] });
    try {
      expect((await take(subscription, 3)).map((event) => event.eventId)).toEqual(before.map((event) => event.eventId));
      const reads = subject.server.calls.read;

      await subject.server.restart();
      const after = newEvents(2);
      // Appended while the subscription is still finding the server again: caught up, not lost.
      await subject.store.appendToStream(`${prefix}s`, after);

      expect((await take(subscription, 2)).map((event) => event.eventId)).toEqual(after.map((event) => event.eventId));
      expect(subject.server.calls.read).toBeGreaterThan(reads);
      const extra = subscription[Symbol.asyncIterator]().next();
      expect(await Promise.race([extra.then(() => 'repeated'), sleep(300).then(() => 'quiet')])).toBe('quiet');
    } finally {
      await subscription.close();
    }
  });

  it('can be closed at once while they wait for a stopped server to come back', async () => {
    // A backoff far longer than the bound below, so a close that waited it out would fail.
    const slow = openEventStoreDbEventStore(subject.server.connectionString, { resubscribe: { initialDelayMs: 30_000, maxDelayMs: 30_000 } });
    const subscription = slow.subscribeToAll({ streamPrefixes: [uniquePrefix('down')] });
    const iterating = (async () => {
      let count = 0;
      for await (const _ of subscription) count++;
      return count;
    })();
    await sleep(50);
    await subject.server.stop();
    await sleep(400);
    try {
      await within(subscription.close(), 5_000, () => 'close() waited out the backoff');
      expect(await within(iterating, 5_000, () => 'iteration did not end')).toBe(0);
    } finally {
      await slow.close();
    }
  });

  it('end loudly, with an error, on an event they cannot hand out', async () => {
    const prefix = uniquePrefix('binary');
    // Straight into the server's log: a second client right after the restart above can meet
    // grpc-js's shared connection still backing off and fail with UNAVAILABLE, which is not what is tested.
    subject.server.log.write(`${prefix}s`, ExpectedVersion.any, [
      { eventId: randomUUID(), type: 'Opaque', contentType: 'application/octet-stream', data: new Uint8Array([1, 2, 3]), customMetadata: new Uint8Array() },
    ]);
    const subscription = subject.store.subscribeToAll({ streamPrefixes: [prefix] });
    try {
      await expect(take(subscription, 1)).rejects.toThrow(/not a JSON object/);
    } finally {
      await subscription.close();
    }
  });
});
