import { describe, expect, it } from 'vitest';
import type { EventStore, ExpectedVersion } from '../../../../src/infrastructure/eventstore/eventstore.js';
import { eventIdsOf, newEvents, settle, uniqueStream } from './fixtures.js';

export function describeIdempotency(subject: { readonly store: EventStore }): void {
  describe('idempotent appends', () => {
    const replays: Array<[string, ExpectedVersion, ExpectedVersion]> = [
      ['the same exact expected version', 1, 1],
      ["'any'", 'any', 'any'],
      ["'stream_exists'", 'stream_exists', 'stream_exists'],
      ["'any' after an exact first append", 1, 'any'],
    ];
    it.each(replays)(
      'a batch appended again with %s returns the original positions and writes nothing',
      async (_, first, again) => {
        const stream = uniqueStream();
        await subject.store.appendToStream(stream, newEvents(2));
        const batch = newEvents(3);
        const original = await subject.store.appendToStream(stream, batch, { expectedVersion: first });

        const replayed = await subject.store.appendToStream(stream, batch, { expectedVersion: again });

        expect(replayed).toEqual(original);
        expect(await subject.store.streamVersion(stream)).toBe(4);
      },
    );

    it("a first batch appended again with 'no_stream' is a replay", async () => {
      const stream = uniqueStream();
      const batch = newEvents(2);
      const original = await subject.store.appendToStream(stream, batch, { expectedVersion: 'no_stream' });
      expect(await subject.store.appendToStream(stream, batch, { expectedVersion: 'no_stream' })).toEqual(original);
      expect(await subject.store.streamVersion(stream)).toBe(1);
    });

    it('a replay still succeeds after the stream moved on, with the positions it first had', async () => {
      const stream = uniqueStream();
      const batch = newEvents(2);
      const original = await subject.store.appendToStream(stream, batch, { expectedVersion: 'no_stream' });
      await subject.store.appendToStream(stream, newEvents(3), { expectedVersion: 1 });

      const replayed = await subject.store.appendToStream(stream, batch, { expectedVersion: 'no_stream' });

      expect(replayed).toEqual(original);
      expect(await subject.store.streamVersion(stream)).toBe(4);
    });

    it('the same batch sent twice at once is written once and both callers get its positions', async () => {
      const stream = uniqueStream();
      const batch = newEvents(3);
      const [a, b] = await Promise.all([
        subject.store.appendToStream(stream, batch, { expectedVersion: 'no_stream' }),
        subject.store.appendToStream(stream, batch, { expectedVersion: 'no_stream' }),
      ]);
      expect(a).toEqual(b);
      expect(await eventIdsOf(subject.store, stream)).toEqual(batch.map((event) => event.eventId));
    });

    it('event ids are UUIDs compared without regard to case and read back in lower case', async () => {
      const stream = uniqueStream();
      const batch = newEvents(2).map((event) => ({ ...event, eventId: event.eventId.toUpperCase() }));
      const original = await subject.store.appendToStream(stream, batch, { expectedVersion: 'no_stream' });
      const lowered = batch.map((event) => ({ ...event, eventId: event.eventId.toLowerCase() }));
      expect(await subject.store.appendToStream(stream, lowered, { expectedVersion: 'no_stream' })).toEqual(original);
      expect(await eventIdsOf(subject.store, stream)).toEqual(lowered.map((event) => event.eventId));
    });
  });

  describe('a replay in another shape', () => {
    it('stored ids in another order are refused (as a conflict or a duplicate) and nothing is written', async () => {
      const stream = uniqueStream();
      const batch = newEvents(2);
      await subject.store.appendToStream(stream, batch, { expectedVersion: 'no_stream' });
      const outcome = await settle(subject.store.appendToStream(stream, [...batch].reverse(), { expectedVersion: 'no_stream' }));
      expect(outcome.ok).toBe(false);
      expect(await eventIdsOf(subject.store, stream)).toEqual(batch.map((event) => event.eventId));
    });
  });
}
