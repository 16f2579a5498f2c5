import { describe, expect, it } from 'vitest';
import type { EventStore } from '../../../../src/infrastructure/eventstore/eventstore.js';
import { logUnder, newEvents, uniqueStream } from './fixtures.js';

/** What binds a reader (the read models) to one log: its identity, and which event is where. */
export function describeIdentity(subject: { readonly store: EventStore }): void {
  describe('store identity and events by position', () => {
    it('storeId is a non-empty id, the same on every call, also when the first calls race', async () => {
      const ids = await Promise.all(Array.from({ length: 8 }, () => subject.store.storeId()));
      expect(ids[0]).toMatch(/^[0-9a-f-]{36}$/);
      expect(new Set(ids).size).toBe(1);
      expect(await subject.store.storeId()).toBe(ids[0]);
    });

    it('eventIdAt names the event at exactly a position, and null where there is none', async () => {
      const stream = uniqueStream('at');
      const appended = newEvents(3);
      await subject.store.appendToStream(stream, appended);
      const stored = await logUnder(subject.store, stream);
      for (const [index, event] of stored.entries()) {
        expect(await subject.store.eventIdAt(event.globalPosition)).toBe(appended[index]!.eventId);
      }
      const head = await subject.store.headPosition();
      expect(await subject.store.eventIdAt(head! + (1n << 70n))).toBeNull();
      expect(await subject.store.eventIdAt(-1n)).toBeNull();
    });
  });
}
