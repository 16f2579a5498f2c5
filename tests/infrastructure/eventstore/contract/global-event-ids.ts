import { describe, expect, it } from 'vitest';
import { DuplicateEventIdError } from '../../../../src/infrastructure/eventstore/eventstore.js';
import { logUnder, newEvent, newEvents, settle, uniquePrefix, uniqueStream, useFreshStore, type OpenStore } from './fixtures.js';

/**
 * Beyond the port: the embedded stores keep every event id unique across the whole log, and
 * refuse a stored id anywhere but in an exact replay. EventStoreDB recognises only exact
 * replays (an id in another stream is written again), so this suite is not part of the
 * contract every adapter runs; the engine relies only on exact replays and expected versions.
 */
export function describeGlobalEventIdUniqueness(name: string, open: OpenStore): void {
  describe(`unique event ids across the log: ${name}`, () => {
    const subject = useFreshStore(open);
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

    it('stored ids in another order are refused as duplicates', async () => {
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

    it('an id already stored in another stream, after valid events of the batch, leaves no partial batch', async () => {
      const prefix = uniquePrefix('dup');
      const stored = newEvent();
      await subject.store.appendToStream(`${prefix}elsewhere`, [stored]);
      await subject.store.appendToStream(`${prefix}target`, newEvents(2));
      const outcome = await settle(subject.store.appendToStream(`${prefix}target`, [...newEvents(2), { ...newEvent(), eventId: stored.eventId }], { expectedVersion: 1 }));
      expect(outcome.ok ? undefined : outcome.error).toBeInstanceOf(DuplicateEventIdError);
      expect(await subject.store.streamVersion(`${prefix}target`)).toBe(1);
    });
  });
}
