import { describe, expect, it } from 'vitest';
import { DuplicateEventIdError, type EventStore, type ExpectedVersion } from '../../../../src/infrastructure/eventstore/eventstore.js';
import { eventIdsOf, logUnder, newEvent, newEvents, settle, uniquePrefix, uniqueStream } from './fixtures.js';

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

  describe('duplicate event ids', () => {
    it('an id stored in another stream is refused with DuplicateEventIdError naming it', async () => {
      const prefix = uniquePrefix('dup');
      const stored = newEvent();
      await subject.store.appendToStream(`${prefix}one`, [stored]);
      const outcome = await settle(subject.store.appendToStream(`${prefix}two`, [stored]));
      expect(outcome.ok ? undefined : outcome.error).toBeInstanceOf(DuplicateEventIdError);
      expect(outcome.ok ? undefined : outcome.error).toMatchObject({ eventId: stored.eventId });
      expect(await subject.store.streamVersion(`${prefix}two`)).toBe(-1);
    });

    it('a batch that repeats only some stored ids is refused and writes none of its new events', async () => {
      const prefix = uniquePrefix('dup');
      const stream = `${prefix}s`;
      const batch = newEvents(2);
      await subject.store.appendToStream(stream, batch, { expectedVersion: 'no_stream' });
      const overlapping = [batch[1]!, newEvent()];

      const outcome = await settle(subject.store.appendToStream(stream, overlapping, { expectedVersion: 1 }));

      expect(outcome.ok ? undefined : outcome.error).toBeInstanceOf(DuplicateEventIdError);
      expect((await logUnder(subject.store, prefix)).map((event) => event.eventId)).toEqual(batch.map((event) => event.eventId));
    });

    it('stored ids in another order are refused', async () => {
      const stream = uniqueStream();
      const batch = newEvents(2);
      await subject.store.appendToStream(stream, batch, { expectedVersion: 'no_stream' });
      const outcome = await settle(subject.store.appendToStream(stream, [...batch].reverse(), { expectedVersion: 'no_stream' }));
      expect(outcome.ok ? undefined : outcome.error).toBeInstanceOf(DuplicateEventIdError);
      expect(await subject.store.streamVersion(stream)).toBe(1);
    });

    it('stored ids replayed at positions other than the expected version implies are refused', async () => {
      const stream = uniqueStream();
      const batch = newEvents(2);
      await subject.store.appendToStream(stream, batch, { expectedVersion: 'no_stream' });
      await subject.store.appendToStream(stream, newEvents(1), { expectedVersion: 1 });
      const outcome = await settle(subject.store.appendToStream(stream, batch, { expectedVersion: 2 }));
      expect(outcome.ok ? undefined : outcome.error).toBeInstanceOf(DuplicateEventIdError);
      expect(await subject.store.streamVersion(stream)).toBe(2);
    });
  });
}
