import { describe, expect, it } from 'vitest';
import {
  InvalidAppendError,
  WrongExpectedVersionError,
  type EventStore,
  type EventToAppend,
} from '../../../../src/infrastructure/eventstore/eventstore.js';
import { eventIdsOf, logUnder, newEvent, newEvents, settle, uniquePrefix } from './fixtures.js';

const ONE_MIB = 1024 * 1024;

type Refusal = {
  readonly name: string;
  readonly error: new (...args: never[]) => Error;
  /** Given the stream (already holding two events) and an event id stored in another stream, the refused append. */
  readonly append: (store: EventStore, stream: string, storedElsewhere: string) => Promise<unknown>;
};

/** Each refused batch carries valid events before the offending one, so a partial write would show. */
const withValidHead = (offending: EventToAppend): EventToAppend[] => [...newEvents(2), offending];

const refusals: Refusal[] = [
  {
    name: 'a conflicting expected version',
    error: WrongExpectedVersionError,
    append: (store, stream) => store.appendToStream(stream, newEvents(3), { expectedVersion: 0 }),
  },
  {
    name: 'an event id that is not a UUID',
    error: InvalidAppendError,
    append: (store, stream) => store.appendToStream(stream, withValidHead({ ...newEvent(), eventId: 'not-a-uuid' })),
  },
  {
    name: 'the same event id twice in one batch',
    error: InvalidAppendError,
    append: (store, stream) => {
      const repeated = newEvent();
      return store.appendToStream(stream, [repeated, newEvent(), repeated]);
    },
  },
  {
    name: 'an event over 1 MiB of data and metadata',
    error: InvalidAppendError,
    append: (store, stream) =>
      store.appendToStream(stream, withValidHead(newEvent('Big', { blob: 'x'.repeat(ONE_MIB / 2) }, { blob: 'y'.repeat(ONE_MIB / 2) }))),
  },
  {
    name: 'more than 1000 events',
    error: InvalidAppendError,
    append: (store, stream) => store.appendToStream(stream, newEvents(1001)),
  },
  {
    name: 'an empty event type',
    error: InvalidAppendError,
    append: (store, stream) => store.appendToStream(stream, withValidHead(newEvent(''))),
  },
  {
    name: 'data that is not a JSON object',
    error: InvalidAppendError,
    append: (store, stream) =>
      store.appendToStream(stream, withValidHead({ ...newEvent(), data: [1, 2] as unknown as EventToAppend['data'] })),
  },
];

export function describeRefusals(subject: { readonly store: EventStore }): void {
  describe('refused appends leave no partial batch (docs/CHECKS.md S3)', () => {
    it.each(refusals)('$name: refused with $error.name, the stream and the log unchanged', async ({ error, append }) => {
      const prefix = uniquePrefix('refusal');
      const stream = `${prefix}target`;
      const elsewhere = newEvent();
      await subject.store.appendToStream(`${prefix}elsewhere`, [elsewhere]);
      await subject.store.appendToStream(stream, newEvents(2));
      const streamBefore = await eventIdsOf(subject.store, stream);
      const logBefore = (await logUnder(subject.store, prefix)).map((event) => event.eventId);

      const outcome = await settle(append(subject.store, stream, elsewhere.eventId));

      expect(outcome.ok ? undefined : outcome.error).toBeInstanceOf(error);
      expect(await eventIdsOf(subject.store, stream)).toEqual(streamBefore);
      expect(await subject.store.streamVersion(stream)).toBe(1);
      expect((await logUnder(subject.store, prefix)).map((event) => event.eventId)).toEqual(logBefore);
    });

    it('an empty stream name is refused with InvalidAppendError', async () => {
      const outcome = await settle(subject.store.appendToStream('', [newEvent()]));
      expect(outcome.ok ? undefined : outcome.error).toBeInstanceOf(InvalidAppendError);
    });

    it('an append after a refused one on the same stream starts where the stream really ends', async () => {
      const stream = `${uniquePrefix('after-refusal')}s`;
      await subject.store.appendToStream(stream, newEvents(1));
      await settle(subject.store.appendToStream(stream, withValidHead({ ...newEvent(), eventId: 'nope' })));
      const result = await subject.store.appendToStream(stream, newEvents(2), { expectedVersion: 0 });
      expect(result.nextExpectedVersion).toBe(2);
      expect((await subject.store.readStream(stream)).map((event) => event.streamPosition)).toEqual([0, 1, 2]);
    });
  });
}
