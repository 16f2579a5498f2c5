import { describe, expect, it } from 'vitest';
import { WrongExpectedVersionError, type EventStore, type ExpectedVersion } from '../../../../src/infrastructure/eventstore/eventstore.js';
import { eventIdsOf, newEvent, newEvents, settle, strictlyIncreasing, uniqueStream } from './fixtures.js';

export function describeVersions(subject: { readonly store: EventStore }): void {
  describe('version convention', () => {
    it('an absent stream has version -1 and reads as []', async () => {
      const stream = uniqueStream();
      expect(await subject.store.streamVersion(stream)).toBe(-1);
      expect(await subject.store.readStream(stream)).toEqual([]);
    });

    it("a stream's first event is at position 0 and n events make version n - 1", async () => {
      const stream = uniqueStream();
      const first = await subject.store.appendToStream(stream, [newEvent()]);
      expect(first.nextExpectedVersion).toBe(0);
      const second = await subject.store.appendToStream(stream, newEvents(3));
      expect(second.nextExpectedVersion).toBe(3);
      expect(await subject.store.streamVersion(stream)).toBe(3);
      expect((await subject.store.readStream(stream)).map((event) => event.streamPosition)).toEqual([0, 1, 2, 3]);
    });

    it('lastGlobalPosition is the global position of the batch’s last event, and positions strictly increase', async () => {
      const stream = uniqueStream();
      const a = await subject.store.appendToStream(stream, newEvents(2));
      const b = await subject.store.appendToStream(stream, newEvents(2));
      const events = await subject.store.readStream(stream);
      expect(events[1]!.globalPosition).toBe(a.lastGlobalPosition);
      expect(events[3]!.globalPosition).toBe(b.lastGlobalPosition);
      expect(strictlyIncreasing(events.map((event) => event.globalPosition))).toBe(true);
    });
  });

  describe('expected version', () => {
    const accepted: Array<[string, number, ExpectedVersion]> = [
      ["'any' on an absent stream", 0, 'any'],
      ["'any' on an existing stream", 2, 'any'],
      ["'no_stream' on an absent stream", 0, 'no_stream'],
      ["'stream_exists' on an existing stream", 1, 'stream_exists'],
      ['the exact version of an existing stream', 3, 2],
      ['-1 on an absent stream', 0, -1],
    ];
    it.each(accepted)('accepts %s', async (_, existing, expectedVersion) => {
      const stream = uniqueStream();
      if (existing > 0) await subject.store.appendToStream(stream, newEvents(existing));
      const result = await subject.store.appendToStream(stream, [newEvent()], { expectedVersion });
      expect(result.nextExpectedVersion).toBe(existing);
      expect(await subject.store.streamVersion(stream)).toBe(existing);
    });

    const refused: Array<[string, number, ExpectedVersion]> = [
      ["'no_stream' on an existing stream", 1, 'no_stream'],
      ["'stream_exists' on an absent stream", 0, 'stream_exists'],
      ['a version behind the stream', 3, 1],
      ['a version ahead of the stream', 2, 5],
      ['an exact version on an absent stream', 0, 0],
      ['-1 on an existing stream', 1, -1],
    ];
    it.each(refused)('refuses %s with the actual version, writing nothing', async (_, existing, expectedVersion) => {
      const stream = uniqueStream();
      if (existing > 0) await subject.store.appendToStream(stream, newEvents(existing));
      const before = await eventIdsOf(subject.store, stream);
      const outcome = await settle(subject.store.appendToStream(stream, newEvents(2), { expectedVersion }));
      expect(outcome.ok).toBe(false);
      const error = (outcome as { error: unknown }).error;
      expect(error).toBeInstanceOf(WrongExpectedVersionError);
      expect(error).toMatchObject({ streamName: stream, expected: expectedVersion, actual: existing - 1 });
      expect(await eventIdsOf(subject.store, stream)).toEqual(before);
      expect(await subject.store.streamVersion(stream)).toBe(existing - 1);
    });

    it("defaults to 'any'", async () => {
      const stream = uniqueStream();
      await subject.store.appendToStream(stream, [newEvent()]);
      const result = await subject.store.appendToStream(stream, [newEvent()]);
      expect(result.nextExpectedVersion).toBe(1);
    });
  });

  describe('an empty batch', () => {
    it('writes nothing and answers the current version when the expected version holds', async () => {
      const stream = uniqueStream();
      await subject.store.appendToStream(stream, newEvents(2));
      const result = await subject.store.appendToStream(stream, [], { expectedVersion: 1 });
      expect(result.nextExpectedVersion).toBe(1);
      expect(await subject.store.streamVersion(stream)).toBe(1);
    });

    it('is refused when the expected version does not hold', async () => {
      const stream = uniqueStream();
      await subject.store.appendToStream(stream, newEvents(2));
      const outcome = await settle(subject.store.appendToStream(stream, [], { expectedVersion: 'no_stream' }));
      expect(outcome.ok ? undefined : outcome.error).toBeInstanceOf(WrongExpectedVersionError);
    });

    it("leaves an absent stream absent under 'no_stream'", async () => {
      const stream = uniqueStream();
      const result = await subject.store.appendToStream(stream, [], { expectedVersion: 'no_stream' });
      expect(result.nextExpectedVersion).toBe(-1);
      expect(await subject.store.streamVersion(stream)).toBe(-1);
    });
  });
}
