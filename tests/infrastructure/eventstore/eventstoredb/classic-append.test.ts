import { DeadlineExceededError } from '@eventstore/db-client';
import { describe, expect, it } from 'vitest';
import { StoreUnavailableError, WrongExpectedVersionError } from '../../../../src/infrastructure/eventstore/eventstore.js';
import { openEventStoreDbEventStore } from '../../../../src/infrastructure/eventstore/eventstoredb/index.js';
import { eventIdsOf, newEvent, newEvents, settle, uniqueStream } from '../contract/fixtures.js';
import { FAST_RETRY, useAdapter } from './use-adapter.js';

/*
 * Everything else runs on BatchAppend, the client's path against 24.10. A node that does not
 * serve ServerFeatures (before 21.10) gets the classic Append, one call per append with a gRPC
 * deadline; the adapter must behave the same there.
 */
const subject = useAdapter(FAST_RETRY, { serverFeatures: false });

describe('EventStoreDB adapter on the classic Append path', () => {
  it('appends with Append, never BatchAppend, and refuses a stale version with the port’s error', async () => {
    const stream = uniqueStream();
    const before = { ...subject.server.calls };
    const first = await subject.store.appendToStream(stream, newEvents(2), { expectedVersion: 'no_stream' });
    const stale = await settle(subject.store.appendToStream(stream, newEvents(1), { expectedVersion: 0 }));
    expect(first.nextExpectedVersion).toBe(1);
    expect(stale.ok ? undefined : stale.error).toBeInstanceOf(WrongExpectedVersionError);
    expect(stale.ok ? undefined : stale.error).toMatchObject({ streamName: stream, actual: 1 });
    expect(subject.server.calls.append - before.append).toBe(2);
    expect(subject.server.calls.batchAppendWrites).toBe(0);
  });

  it('retries an append whose answer was lost after the write, and the server recognises the ids', async () => {
    const stream = uniqueStream();
    const batch = newEvents(3);
    subject.server.faults.loseResponseAfterCommit = 1;
    const calls = subject.server.calls.append;
    const result = await subject.store.appendToStream(stream, batch, { expectedVersion: 'no_stream' });
    expect(subject.server.calls.append - calls).toBe(2);
    expect(result.nextExpectedVersion).toBe(2);
    expect(await eventIdsOf(subject.store, stream)).toEqual(batch.map((event) => event.eventId));
  });

  it('bounds each attempt by the append deadline', async () => {
    subject.server.faults.appendDelayMs = 2_000;
    const store = openEventStoreDbEventStore(subject.server.connectionString, {
      retry: { maxAttempts: 2, initialDelayMs: 10, maxDelayMs: 10 },
      appendDeadlineMs: 100,
    });
    try {
      const started = Date.now();
      const outcome = await settle(store.appendToStream(uniqueStream(), [newEvent()]));
      expect(outcome.ok ? undefined : outcome.error).toBeInstanceOf(StoreUnavailableError);
      expect((outcome as { error: Error }).error.cause).toBeInstanceOf(DeadlineExceededError);
      expect(Date.now() - started).toBeLessThan(1_500);
    } finally {
      await store.close();
    }
  });
});
