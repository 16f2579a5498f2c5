import { describe, expect, it } from 'vitest';
import { OwnStreamAppender } from '../../../src/infrastructure/access-log/own-stream.js';
import { StoreUnavailableError, type EventStore } from '../../../src/infrastructure/eventstore/eventstore.js';
import { openMemoryEventStore } from '../../../src/infrastructure/eventstore/memory.js';
import { eventIdsOf, newEvent, settle } from '../eventstore/contract/fixtures.js';

/** A store whose appends are answered only when the test lets them go, in the order they came. */
function heldStore(): { store: EventStore; held: Array<() => void>; expected: unknown[]; failNext: () => void } {
  const inner = openMemoryEventStore();
  const held: Array<() => void> = [];
  const expected: unknown[] = [];
  let fail = false;
  const store = {
    readStream: (name, options) => inner.readStream(name, options),
    streamVersion: (name) => inner.streamVersion(name),
  } as EventStore;
  store.appendToStream = (name, events, options) => {
    expected.push(options?.expectedVersion);
    const failing = fail;
    fail = false;
    return new Promise((resolve, reject) => {
      held.push(() => (failing ? reject(new StoreUnavailableError('held store refused')) : inner.appendToStream(name, events, options).then(resolve, reject)));
    });
  };
  return { store, held, expected, failNext: () => (fail = true) };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('the access log appender on its own stream', () => {
  it('sends the next batch while one is in flight, at the version the earlier one leaves', async () => {
    const { store, held, expected } = heldStore();
    const appender = new OwnStreamAppender(store, 'own');
    const events = [newEvent(), newEvent(), newEvent(), newEvent()];
    const first = appender.append(events[0]!);
    await tick();
    const second = [appender.append(events[1]!), appender.append(events[2]!)];
    await tick();
    const third = appender.append(events[3]!);
    await tick();
    // All three batches are out before the first is answered.
    expect(expected).toEqual(['no_stream', 0, 2]);
    for (const release of held.splice(0)) release();
    await Promise.all([first, ...second, third]);
    expect(await eventIdsOf(store, 'own')).toEqual(events.map((e) => e.eventId));
    expect(appender.idle).toBe(true);
  });

  it('a refused batch fails its own records only: the batch sent after it is sent again at the version actually stored, and stored once', async () => {
    const { store, held, expected, failNext } = heldStore();
    const appender = new OwnStreamAppender(store, 'own');
    const kept = newEvent();
    const keeping = appender.append(kept);
    await tick();
    held.shift()!();
    await keeping;

    failNext();
    const lost = newEvent();
    const refused = settle(appender.append(lost));
    await tick();
    const later = [newEvent(), newEvent()];
    const stored = Promise.all(later.map((event) => appender.append(event)));
    await tick();
    expect(expected).toEqual(['no_stream', 0, 1]);

    // The first is refused; the second, counting on it, meets a wrong version and goes again.
    for (const release of held.splice(0)) release();
    for (let turns = 0; held.length === 0 && turns < 100; turns++) await tick();
    for (const release of held.splice(0)) release();
    await stored;
    const answer = await refused;
    expect(answer.ok ? undefined : answer.error).toBeInstanceOf(StoreUnavailableError);
    expect(expected).toEqual(['no_stream', 0, 1, 0]);
    expect(await eventIdsOf(store, 'own')).toEqual([kept, ...later].map((e) => e.eventId));
    expect(appender.idle).toBe(true);
  });
});
