import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteEventStore } from '../../../../src/infrastructure/eventstore/sqlite/index.js';
import { newEvents, take } from '../contract/fixtures.js';
import { openStoreInTempDir } from './open-store.js';

const activeTimers = () => process.getActiveResourcesInfo().filter((resource) => resource === 'Timeout').length;

describe('SQLite subscriptions', () => {
  let opened: ReturnType<typeof openStoreInTempDir> | undefined;
  afterEach(async () => {
    await opened?.dispose();
    opened = undefined;
  });

  it('see commits made through another connection to the file, by polling', async () => {
    opened = openStoreInTempDir('poll', { pollIntervalMs: 50 });
    // A second store object shares no in-process signal with the first: as good as another process.
    const writer = openSqliteEventStore(opened.path);
    const subscription = opened.store.subscribeToAll();
    try {
      const events = newEvents(3);
      await writer.appendToStream('elsewhere', events);
      expect((await take(subscription, 3, 5000)).map((event) => event.eventId)).toEqual(events.map((event) => event.eventId));
    } finally {
      await subscription.close();
      await writer.close();
    }
  });

  it('an idle subscription holds one poll timer, and close() releases it', async () => {
    opened = openStoreInTempDir('timers', { pollIntervalMs: 60_000 });
    const before = activeTimers();
    const subscription = opened.store.subscribeToAll();
    const iterating = (async () => {
      for await (const _ of subscription) void _;
    })();
    await new Promise((resolve) => setImmediate(resolve));
    expect(activeTimers()).toBe(before + 1);
    await subscription.close();
    await iterating;
    expect(activeTimers()).toBe(before);
  });

  it('is woken by a commit of its own store at once, without waiting for the poll', async () => {
    opened = openStoreInTempDir('wake', { pollIntervalMs: 60_000 });
    const subscription = opened.store.subscribeToAll();
    try {
      const waiting = take(subscription, 2, 2000);
      await new Promise((resolve) => setTimeout(resolve, 20));
      await opened.store.appendToStream('s', newEvents(2));
      expect(await waiting).toHaveLength(2);
    } finally {
      await subscription.close();
    }
  });
});
