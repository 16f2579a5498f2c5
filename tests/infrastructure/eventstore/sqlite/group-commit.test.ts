import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DuplicateEventIdError, WrongExpectedVersionError } from '../../../../src/infrastructure/eventstore/eventstore.js';
import { openSqliteEventStore, type GroupCommitted } from '../../../../src/infrastructure/eventstore/sqlite/index.js';
import { eventIdsOf, newEvent, newEvents, settle } from '../contract/fixtures.js';
import { openStoreInTempDir } from './open-store.js';

describe('SQLite group commit', () => {
  let opened: ReturnType<typeof openStoreInTempDir> | undefined;
  const groups: GroupCommitted[] = [];
  const open = () => {
    groups.length = 0;
    opened = openStoreInTempDir('group', { onGroupCommitted: (group) => groups.push(group) });
    return opened.store;
  };
  afterEach(async () => {
    await opened?.dispose();
    opened = undefined;
  });

  it('commits appends issued in the same tick in one transaction', async () => {
    const store = open();
    await Promise.all(Array.from({ length: 16 }, (_, index) => store.appendToStream(`s-${index}`, newEvents(2))));
    expect(groups).toEqual([{ appends: 16, events: 32 }]);
  });

  it('a resolved append is committed, not merely queued: another connection already sees it', async () => {
    const store = open();
    const seenByOthers = await Promise.all(
      Array.from({ length: 4 }, (_, index) => {
        const event = newEvent();
        return store.appendToStream(`s-${index}`, [event]).then(() => {
          const other = new Database(opened!.path, { readonly: true });
          try {
            return other.prepare('SELECT count(*) FROM events WHERE event_id = ?').pluck().get(event.eventId);
          } finally {
            other.close();
          }
        });
      }),
    );
    expect(seenByOthers).toEqual([1, 1, 1, 1]);
  });

  it('checks each append of a group in arrival order: the first of two with the same expected version wins', async () => {
    const store = open();
    await store.appendToStream('s', [newEvent()]);
    const first = newEvents(2);
    const second = newEvents(1);
    const [a, b] = await Promise.all([
      settle(store.appendToStream('s', first, { expectedVersion: 0 })),
      settle(store.appendToStream('s', second, { expectedVersion: 0 })),
    ]);
    expect(a.ok).toBe(true);
    expect(b.ok ? undefined : b.error).toMatchObject({ name: WrongExpectedVersionError.name, actual: 2 });
    expect(groups.at(-1)).toEqual({ appends: 2, events: 2 });
  });

  it('lets later appends of a group build on earlier ones', async () => {
    const store = open();
    const batches = Array.from({ length: 10 }, () => newEvents(2));
    const results = await Promise.all(
      batches.map((batch, index) => store.appendToStream('chain', batch, { expectedVersion: index === 0 ? 'no_stream' : index * 2 - 1 })),
    );
    expect(results.map((result) => result.nextExpectedVersion)).toEqual(batches.map((_, index) => index * 2 + 1));
    expect(await eventIdsOf(store, 'chain')).toEqual(batches.flat().map((event) => event.eventId));
    expect(groups).toHaveLength(1);
  });

  it('a refused append never affects the others in its group', async () => {
    const store = open();
    const stored = newEvent();
    await store.appendToStream('taken', [stored]);
    const [ok1, conflict, duplicate, ok2] = await Promise.all([
      settle(store.appendToStream('a', newEvents(2), { expectedVersion: 'no_stream' })),
      settle(store.appendToStream('taken', newEvents(2), { expectedVersion: 'no_stream' })),
      settle(store.appendToStream('b', [newEvent(), stored])),
      settle(store.appendToStream('c', newEvents(3))),
    ]);
    expect([ok1.ok, ok2.ok]).toEqual([true, true]);
    expect(conflict.ok ? undefined : conflict.error).toBeInstanceOf(WrongExpectedVersionError);
    expect(duplicate.ok ? undefined : duplicate.error).toBeInstanceOf(DuplicateEventIdError);
    expect(groups.at(-1)).toEqual({ appends: 4, events: 5 });
    expect(await store.streamVersion('b')).toBe(-1);
    expect(await store.streamVersion('taken')).toBe(0);
  });

  it('an append failing halfway through its inserts is rolled back to its savepoint; the rest of the group commits', async () => {
    const store = open();
    // Another connection plants a trigger that fails the second event of stream 'poisoned',
    // after the first has been inserted: only the savepoint can take that first insert back.
    const other = new Database(opened!.path);
    other.exec(`CREATE TRIGGER poison BEFORE INSERT ON events WHEN NEW.stream_name = 'poisoned' AND NEW.stream_position = 1
      BEGIN SELECT RAISE(ABORT, 'poisoned insert'); END`);
    other.close();

    const [before, poisoned, after] = await Promise.all([
      settle(store.appendToStream('before', newEvents(2))),
      settle(store.appendToStream('poisoned', newEvents(3))),
      settle(store.appendToStream('after', newEvents(2))),
    ]);

    expect(poisoned.ok ? undefined : String(poisoned.error)).toMatch(/poisoned insert/);
    expect([before.ok, after.ok]).toEqual([true, true]);
    expect(await store.streamVersion('poisoned')).toBe(-1);
    expect(await store.streamVersion('before')).toBe(1);
    expect(await store.streamVersion('after')).toBe(1);
    const positions: bigint[] = [];
    for await (const event of store.readAll()) positions.push(event.globalPosition);
    expect(positions).toEqual([1n, 2n, 3n, 4n]);
  });

  it('close() commits the appends still queued before letting go of the file', async () => {
    const store = open();
    const pending = [store.appendToStream('late', newEvents(2)), store.appendToStream('late', newEvents(1))];
    await store.close();
    const results = await Promise.all(pending);
    expect(results.map((result) => result.nextExpectedVersion)).toEqual([1, 2]);
    const reopened = openSqliteEventStore(opened!.path);
    try {
      expect(await reopened.streamVersion('late')).toBe(2);
    } finally {
      await reopened.close();
    }
  });
});
