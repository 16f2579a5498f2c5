import { describe, expect, it } from 'vitest';
import type { EventStore, StoredEvent } from '../../../../src/infrastructure/eventstore/eventstore.js';
import { logUnder, newEvent, newEvents, strictlyIncreasing, take, uniquePrefix, within } from './fixtures.js';

export function describeSubscriptions(subject: { readonly store: EventStore }): void {
  describe('subscribeToAll', () => {
    it('catches up on past events, then delivers new ones live, in order', async () => {
      const prefix = uniquePrefix('sub');
      const past = newEvents(3);
      await subject.store.appendToStream(`${prefix}a`, past);
      const subscription = subject.store.subscribeToAll({ streamPrefixes: [prefix] });
      try {
        expect((await take(subscription, 3)).map((event) => event.eventId)).toEqual(past.map((event) => event.eventId));
        const live = [newEvent(), newEvent()];
        await subject.store.appendToStream(`${prefix}b`, [live[0]!]);
        await subject.store.appendToStream(`${prefix}a`, [live[1]!]);
        expect((await take(subscription, 2)).map((event) => event.eventId)).toEqual(live.map((event) => event.eventId));
      } finally {
        await subscription.close();
      }
    });

    it('starts after the given global position', async () => {
      const prefix = uniquePrefix('sub-after');
      const first = await subject.store.appendToStream(`${prefix}s`, newEvents(2));
      const later = newEvents(2);
      await subject.store.appendToStream(`${prefix}s`, later);
      const subscription = subject.store.subscribeToAll({ after: first.lastGlobalPosition, streamPrefixes: [prefix] });
      try {
        expect((await take(subscription, 2)).map((event) => event.eventId)).toEqual(later.map((event) => event.eventId));
      } finally {
        await subscription.close();
      }
    });

    it('close() ends an iteration that is waiting for events', async () => {
      const subscription = subject.store.subscribeToAll({ streamPrefixes: [uniquePrefix('idle')] });
      const iterating = (async () => {
        const seen: StoredEvent[] = [];
        for await (const event of subscription) seen.push(event);
        return seen;
      })();
      await new Promise((resolve) => setTimeout(resolve, 50));
      await subscription.close();
      expect(await within(iterating, 5000, () => 'iteration did not end after close()')).toEqual([]);
    });

    it('leaving a for-await loop early closes the subscription', async () => {
      const prefix = uniquePrefix('break');
      await subject.store.appendToStream(`${prefix}s`, newEvents(3));
      const subscription = subject.store.subscribeToAll({ streamPrefixes: [prefix] });
      for await (const event of subscription) {
        expect(event.streamPosition).toBe(0);
        break;
      }
      const next = await within(subscription[Symbol.asyncIterator]().next(), 5000, () => 'next() hung after the loop left');
      expect(next.done).toBe(true);
    });

    it('with concurrent writers, delivers every event exactly once in global order', async () => {
      const prefix = uniquePrefix('writers');
      const subscription = subject.store.subscribeToAll({ streamPrefixes: [prefix], batchSize: 7 });
      const writers = 6;
      const appendsPerWriter = 20;
      let written = 0;
      const writing = Promise.all(
        Array.from({ length: writers }, async (_, writer) => {
          for (let append = 0; append < appendsPerWriter; append++) {
            const batch = newEvents(1 + ((writer + append) % 3));
            await subject.store.appendToStream(`${prefix}w${writer}`, batch);
            written += batch.length;
            if (append % 5 === 0) await new Promise((resolve) => setImmediate(resolve));
          }
        }),
      );
      try {
        const expectedTotal = Array.from({ length: writers }, (_, writer) =>
          Array.from({ length: appendsPerWriter }, (_, append) => 1 + ((writer + append) % 3)).reduce((a, b) => a + b, 0),
        ).reduce((a, b) => a + b, 0);
        const delivered = await take(subscription, expectedTotal, 30_000);
        await writing;
        expect(written).toBe(expectedTotal);
        const ids = delivered.map((event) => event.eventId);
        expect(new Set(ids).size).toBe(ids.length);
        expect(strictlyIncreasing(delivered.map((event) => event.globalPosition))).toBe(true);
        expect(ids).toEqual((await logUnder(subject.store, prefix)).map((event) => event.eventId));
      } finally {
        await subscription.close();
      }
    });

    it('closing the store ends its subscriptions', async () => {
      const subscription = subject.store.subscribeToAll({ streamPrefixes: [uniquePrefix('store-close')] });
      const iterating = (async () => {
        let count = 0;
        for await (const _ of subscription) count++;
        return count;
      })();
      await new Promise((resolve) => setTimeout(resolve, 20));
      await subject.store.close();
      expect(await within(iterating, 5000, () => 'subscription outlived its store')).toBe(0);
    });
  });
}
