import { DeadlineExceededError } from '@eventstore/db-client';
import { describe, expect, it } from 'vitest';
import { InvalidAppendError, StoreUnavailableError } from '../../../../src/infrastructure/eventstore/eventstore.js';
import { encodeGlobalPosition, openEventStoreDbEventStore } from '../../../../src/infrastructure/eventstore/eventstoredb/index.js';
import { eventIdsOf, newEvent, newEvents, settle, uniqueStream } from '../contract/fixtures.js';
import { useAdapter } from './use-adapter.js';

const subject = useAdapter();

describe('EventStoreDB adapter: appends', () => {
  it('reports the server’s $all position of the last event, packed as commit << 64 | prepare', async () => {
    const stream = uniqueStream();
    const result = await subject.store.appendToStream(stream, newEvents(3));
    const last = subject.server.log.stream(stream)!.at(-1)!;
    expect(result.lastGlobalPosition).toBe(encodeGlobalPosition({ commit: last.logPosition, prepare: last.logPosition }));
  });

  it('retries an append whose answer was lost after the write: the server recognises the ids, nothing is written twice', async () => {
    const stream = uniqueStream();
    const batch = newEvents(3);
    subject.server.faults.loseResponseAfterCommit = 1;
    const calls = subject.server.calls.batchAppendWrites;

    const result = await subject.store.appendToStream(stream, batch, { expectedVersion: 'no_stream' });

    expect(subject.server.calls.batchAppendWrites - calls).toBe(2);
    expect(result.nextExpectedVersion).toBe(2);
    expect(await eventIdsOf(subject.store, stream)).toEqual(batch.map((event) => event.eventId));
  });

  it("also for 'any', whose replay the server matches by id alone", async () => {
    const stream = uniqueStream();
    await subject.store.appendToStream(stream, newEvents(2));
    const batch = newEvents(2);
    subject.server.faults.loseResponseAfterCommit = 1;
    const result = await subject.store.appendToStream(stream, batch);
    expect(result.nextExpectedVersion).toBe(3);
    expect(await subject.store.streamVersion(stream)).toBe(3);
  });

  it('retries an append refused before the write, then writes it once', async () => {
    const stream = uniqueStream();
    subject.server.faults.rejectBeforeCommit = 2;
    const calls = subject.server.calls.batchAppendWrites;
    await subject.store.appendToStream(stream, newEvents(2));
    expect(subject.server.calls.batchAppendWrites - calls).toBe(3);
    expect(await subject.store.streamVersion(stream)).toBe(1);
  });

  it('gives up after the bounded attempts with StoreUnavailableError, writing nothing', async () => {
    const stream = uniqueStream();
    subject.server.faults.rejectBeforeCommit = 100;
    const calls = subject.server.calls.batchAppendWrites;
    const outcome = await settle(subject.store.appendToStream(stream, newEvents(1)));
    expect(outcome.ok ? undefined : outcome.error).toBeInstanceOf(StoreUnavailableError);
    expect(subject.server.calls.batchAppendWrites - calls).toBe(4);
    subject.server.faults.rejectBeforeCommit = 0;
    expect(await subject.store.streamVersion(stream)).toBe(-1);
  });

  it('fails an append to a stopped server with StoreUnavailableError after the bounded retry, not a raw gRPC error', async () => {
    await subject.server.stop();
    const started = Date.now();
    const outcome = await settle(subject.store.appendToStream(uniqueStream(), [newEvent()]));
    const elapsed = Date.now() - started;
    expect(outcome.ok ? undefined : outcome.error).toBeInstanceOf(StoreUnavailableError);
    expect(((outcome as { error: Error }).error.cause as { code?: number }).code).toBe(14);
    // Three backoffs of at least half of 20, 40 and 80 ms, and well short of hanging.
    expect(elapsed).toBeGreaterThanOrEqual(60);
    expect(elapsed).toBeLessThan(5_000);
  });

  it('refuses a batch over EventStoreDB’s maximum append size with InvalidAppendError, writing none of it', async () => {
    const stream = uniqueStream();
    const halfMiB = 'x'.repeat(600_000);
    const outcome = await settle(subject.store.appendToStream(stream, [newEvent('Big', { halfMiB }), newEvent('Big', { halfMiB })]));
    expect(outcome.ok ? undefined : outcome.error).toBeInstanceOf(InvalidAppendError);
    expect(await subject.store.streamVersion(stream)).toBe(-1);
  });

  it('reads the position back when a server answers an idempotent write without one', async () => {
    const stream = uniqueStream();
    const batch = newEvents(2);
    const original = await subject.store.appendToStream(stream, batch, { expectedVersion: 'no_stream' });
    subject.server.faults.idempotentWithoutPosition = true;
    expect(await subject.store.appendToStream(stream, batch, { expectedVersion: 'no_stream' })).toEqual(original);
  });

  it('bounds each attempt by the append deadline, though the BatchAppend call has none, so a server that never answers fails the append in time', async () => {
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
