import { describe, expect, it } from 'vitest';
import type { EventStore } from '../../../../src/infrastructure/eventstore/eventstore.js';
import { collect, logUnder, newEvents, strictlyIncreasing, uniquePrefix, uniqueStream } from './fixtures.js';

export function describeReads(subject: { readonly store: EventStore }): void {
  describe('readStream', () => {
    async function streamOfFive(): Promise<{ stream: string; ids: string[] }> {
      const stream = uniqueStream();
      const events = newEvents(5);
      await subject.store.appendToStream(stream, events);
      return { stream, ids: events.map((event) => event.eventId) };
    }
    const idsOf = async (stream: string, options: Parameters<EventStore['readStream']>[1]) =>
      (await subject.store.readStream(stream, options)).map((event) => event.eventId);

    it('reads forwards from position 0 by default, with every field of the stored event', async () => {
      const { stream, ids } = await streamOfFive();
      const events = await subject.store.readStream(stream);
      expect(events.map((event) => event.eventId)).toEqual(ids);
      expect(events[2]).toMatchObject({ streamName: stream, streamPosition: 2, type: 'SomethingHappened', data: { index: 2 }, metadata: {} });
    });

    it('reads forwards from a position, inclusive, up to maxCount', async () => {
      const { stream, ids } = await streamOfFive();
      expect(await idsOf(stream, { from: 2 })).toEqual(ids.slice(2));
      expect(await idsOf(stream, { from: 1, maxCount: 2 })).toEqual(ids.slice(1, 3));
      expect(await idsOf(stream, { from: 5 })).toEqual([]);
      expect(await idsOf(stream, { maxCount: 0 })).toEqual([]);
    });

    it('reads backwards from the last event by default, or from a position, inclusive', async () => {
      const { stream, ids } = await streamOfFive();
      const reversed = [...ids].reverse();
      expect(await idsOf(stream, { direction: 'backwards' })).toEqual(reversed);
      expect(await idsOf(stream, { direction: 'backwards', maxCount: 2 })).toEqual(reversed.slice(0, 2));
      expect(await idsOf(stream, { direction: 'backwards', from: 2 })).toEqual([ids[2], ids[1], ids[0]]);
      expect(await idsOf(stream, { direction: 'backwards', from: 3, maxCount: 2 })).toEqual([ids[3], ids[2]]);
      expect(await idsOf(stream, { direction: 'backwards', from: 50 })).toEqual(reversed);
    });

    it('reads only its own stream', async () => {
      const prefix = uniquePrefix();
      await subject.store.appendToStream(`${prefix}a`, newEvents(2));
      await subject.store.appendToStream(`${prefix}ab`, newEvents(3));
      expect(await subject.store.readStream(`${prefix}a`)).toHaveLength(2);
    });
  });

  describe('readAll', () => {
    async function interleaved(prefix: string) {
      const appended: string[] = [];
      for (let round = 0; round < 3; round++) {
        for (const name of ['case-1', 'case-2', 'area-1']) {
          const events = newEvents(2);
          await subject.store.appendToStream(`${prefix}${name}`, events);
          appended.push(...events.map((event) => event.eventId));
        }
      }
      return appended;
    }

    it('yields the log in commit order with strictly increasing global positions', async () => {
      const prefix = uniquePrefix('all');
      const appended = await interleaved(prefix);
      const log = await logUnder(subject.store, prefix);
      expect(log.map((event) => event.eventId)).toEqual(appended);
      expect(strictlyIncreasing(log.map((event) => event.globalPosition))).toBe(true);
    });

    it('starts after the given global position, exclusive', async () => {
      const prefix = uniquePrefix('after');
      const first = await subject.store.appendToStream(`${prefix}s`, newEvents(3));
      const later = newEvents(2);
      await subject.store.appendToStream(`${prefix}s`, later);
      const read = await collect(subject.store.readAll({ after: first.lastGlobalPosition }));
      expect(read.filter((event) => event.streamName.startsWith(prefix)).map((event) => event.eventId)).toEqual(
        later.map((event) => event.eventId),
      );
      expect(read.every((event) => event.globalPosition > first.lastGlobalPosition)).toBe(true);
    });

    it('keeps only streams starting with one of the prefixes', async () => {
      const prefix = uniquePrefix('prefix');
      await interleaved(prefix);
      const read = await collect(subject.store.readAll({ streamPrefixes: [`${prefix}case-`, `${prefix}area-`] }));
      expect(read).toHaveLength(18);
      const cases = await collect(subject.store.readAll({ streamPrefixes: [`${prefix}case-`] }));
      expect(cases).toHaveLength(12);
      expect(cases.every((event) => event.streamName.startsWith(`${prefix}case-`))).toBe(true);
    });

    it('pages through the log in batches without losing or repeating an event', async () => {
      const prefix = uniquePrefix('paging');
      const appended = await interleaved(prefix);
      for (const batchSize of [1, 2, 5, 18, 100]) {
        const read = await collect(subject.store.readAll({ streamPrefixes: [prefix], batchSize }));
        expect(read.map((event) => event.eventId), `batchSize ${batchSize}`).toEqual(appended);
      }
    });

    it('stops after maxCount events', async () => {
      const prefix = uniquePrefix('max');
      const appended = await interleaved(prefix);
      const read = await collect(subject.store.readAll({ streamPrefixes: [prefix], maxCount: 7, batchSize: 3 }));
      expect(read.map((event) => event.eventId)).toEqual(appended.slice(0, 7));
      expect(await collect(subject.store.readAll({ streamPrefixes: [prefix], maxCount: 0 }))).toEqual([]);
    });

    it('reads each page when it is reached, so events committed mid-iteration are included', async () => {
      const prefix = uniquePrefix('lazy');
      const early = newEvents(3);
      await subject.store.appendToStream(`${prefix}s`, early);
      const iterator = subject.store.readAll({ streamPrefixes: [prefix], batchSize: 2 })[Symbol.asyncIterator]();
      const first = await iterator.next();
      const late = newEvents(2);
      await subject.store.appendToStream(`${prefix}s`, late);
      const rest: string[] = [];
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) rest.push(next.value.eventId);
      expect([first.done ? undefined : first.value.eventId, ...rest]).toEqual([...early, ...late].map((event) => event.eventId));
    });
  });
}
