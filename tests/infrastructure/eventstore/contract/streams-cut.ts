import { describe, expect, it } from 'vitest';
import type { EventStore, StoredEvent } from '../../../../src/infrastructure/eventstore/eventstore.js';
import { collect, newEvents, uniquePrefix } from './fixtures.js';

const names = (streams: readonly (readonly StoredEvent[])[]) => streams.map((s) => s[0]!.streamName).sort();

/** readStreams and headPosition: what a rebuild reads, a consistent cut of the log stream by stream. */
export function describeStreamsCut(subject: { readonly store: EventStore }): void {
  describe('reading streams whole (readStreams, headPosition)', () => {
    async function threeStreams(prefix: string) {
      await subject.store.appendToStream(`${prefix}a`, newEvents(2));
      await subject.store.appendToStream(`${prefix}b`, newEvents(1));
      await subject.store.appendToStream(`${prefix}a`, newEvents(1), { expectedVersion: 1 });
      await subject.store.appendToStream(`${prefix}c`, newEvents(3));
      await subject.store.appendToStream(`other-${prefix}x`, newEvents(1));
    }

    it('gives every stream with the prefix once, whole, its events in stream order', async () => {
      const prefix = uniquePrefix('cut');
      await threeStreams(prefix);
      const streams = await collect(subject.store.readStreams(prefix));
      expect(names(streams)).toEqual([`${prefix}a`, `${prefix}b`, `${prefix}c`]);
      for (const stream of streams) {
        expect(stream.map((e) => e.streamPosition)).toEqual(stream.map((_, i) => i));
        expect(new Set(stream.map((e) => e.streamName)).size).toBe(1);
        expect(stream).toEqual(await subject.store.readStream(stream[0]!.streamName));
      }
    });

    it('headPosition is the last event of the log; upTo cuts everything after it, and streams left empty', async () => {
      const prefix = uniquePrefix('cut');
      await subject.store.appendToStream(`${prefix}a`, newEvents(2));
      const cut = await subject.store.headPosition();
      const a = await subject.store.readStream(`${prefix}a`);
      expect(cut).toBe(a[1]!.globalPosition);
      await subject.store.appendToStream(`${prefix}a`, newEvents(1), { expectedVersion: 1 });
      await subject.store.appendToStream(`${prefix}b`, newEvents(1));
      expect((await subject.store.headPosition())! > cut!).toBe(true);
      const streams = await collect(subject.store.readStreams(prefix, { upTo: cut! }));
      expect(streams.map((s) => s.map((e) => e.eventId))).toEqual([a.map((e) => e.eventId)]);
    });

    it('metadataFields: the named fields keep their stored values (an adapter may leave out the rest)', async () => {
      const prefix = uniquePrefix('cut');
      const events = newEvents(2).map((e, i) => ({ ...e, metadata: { schemaVersion: i + 1, recordedAt: `2026-01-0${i + 1}T00:00:00.000Z`, actor: { id: 'x' } } }));
      await subject.store.appendToStream(`${prefix}a`, events);
      const [stream] = await collect(subject.store.readStreams(prefix, { metadataFields: ['schemaVersion', 'recordedAt'] }));
      expect(stream!.map((e) => [e.metadata['schemaVersion'], e.metadata['recordedAt']])).toEqual([[1, '2026-01-01T00:00:00.000Z'], [2, '2026-01-02T00:00:00.000Z']]);
      expect(stream!.map((e) => e.data)).toEqual(events.map((e) => e.data));
    });

    it('partitions split the streams: each in exactly one, together all of them', async () => {
      const prefix = uniquePrefix('cut');
      for (let i = 0; i < 12; i++) await subject.store.appendToStream(`${prefix}s${i}`, newEvents(1 + (i % 3)));
      const all = names(await collect(subject.store.readStreams(prefix)));
      const parts = await Promise.all([0, 1, 2].map(async (index) => names(await collect(subject.store.readStreams(prefix, { partition: { index, count: 3 } })))));
      expect(parts.flat().sort()).toEqual(all);
      expect(new Set(parts.flat()).size).toBe(all.length);
      expect(parts.filter((p) => p.length > 0).length).toBeGreaterThan(1);
      await expect(collect(subject.store.readStreams(prefix, { partition: { index: 3, count: 3 } }))).rejects.toThrow(RangeError);
    });
  
    it('partitions of one cut agree while appends go on: each stream of the cut in exactly one, whole as it was at the cut', async () => {
      const prefix = uniquePrefix('cut');
      for (let i = 0; i < 30; i++) await subject.store.appendToStream(`${prefix}s${String(i).padStart(2, '0')}`, newEvents(1 + (i % 4)));
      const cut = (await subject.store.headPosition())!;
      const atCut = await collect(subject.store.readStreams(prefix, { upTo: cut }));
      const parts: (readonly StoredEvent[])[][] = [];
      for (const index of [0, 1, 2]) {
        parts.push(await collect(subject.store.readStreams(prefix, { upTo: cut, partition: { index, count: 3 } })));
        // Appends between one partition's read and the next, before and after the names already read.
        await subject.store.appendToStream(`${prefix}a${index}`, newEvents(5));
        await subject.store.appendToStream(`${prefix}z${index}`, newEvents(5));
        await subject.store.appendToStream(`${prefix}s${String(10 * index).padStart(2, '0')}`, newEvents(2), { expectedVersion: 'any' });
      }
      const read = parts.flat();
      expect(read.map((s) => s.map((e) => e.eventId)).sort()).toEqual(atCut.map((s) => s.map((e) => e.eventId)).sort());
      expect(parts.filter((p) => p.length > 0).length).toBeGreaterThan(1);
    });
  });
}
