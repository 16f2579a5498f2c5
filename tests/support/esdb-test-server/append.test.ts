import { randomUUID } from 'node:crypto';
import {
  ANY,
  MaxAppendSizeExceededError,
  NO_STREAM,
  STREAM_EXISTS,
  UnknownError,
  WrongExpectedVersionError,
  jsonEvent,
  type AppendExpectedRevision,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { describe, expect, it } from 'vitest';
import { useTestServer } from './use-test-server.js';

const NOW = Date.UTC(2025, 2, 1, 9, 30);
// A node without ServerFeatures (before 21.10): the client's classic path. BatchAppend, the
// path against 24.10, runs the same cases in batch-append.test.ts.
const subject = useTestServer({ now: () => NOW, serverFeatures: false });

const events = (count: number) => Array.from({ length: count }, (_, index) => jsonEvent({ type: 'Happened', data: { index } }));
const stream = () => `append-${randomUUID().slice(0, 8)}`;

async function read(streamName: string): Promise<ResolvedEvent[]> {
  const read: ResolvedEvent[] = [];
  for await (const event of subject.client.readStream(streamName)) read.push(event);
  return read;
}

async function refusal(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('the append was accepted');
}

describe('EsdbTestServer Append', () => {
  it('is what the client uses when ServerFeatures is not served: it falls back from BatchAppend', async () => {
    const before = subject.server.calls.append;
    await subject.client.appendToStream(stream(), events(1));
    expect(subject.server.calls.append).toBe(before + 1);
    expect(subject.server.calls.batchAppendWrites).toBe(0);
  });

  it.each<[string, number, AppendExpectedRevision]>([
    ['any on an absent stream', 0, ANY],
    ['no_stream on an absent stream', 0, NO_STREAM],
    ['stream_exists on an existing stream', 2, STREAM_EXISTS],
    ['the exact revision', 3, 2n],
  ])('accepts %s and answers the new revision', async (_, existing, expectedRevision) => {
    const name = stream();
    if (existing > 0) await subject.client.appendToStream(name, events(existing));
    const result = await subject.client.appendToStream(name, events(2), { expectedRevision });
    expect(result.nextExpectedRevision).toBe(BigInt(existing + 1));
  });

  it.each<[string, number, AppendExpectedRevision, bigint | 'no_stream']>([
    ['no_stream on an existing stream', 2, NO_STREAM, 1n],
    ['stream_exists on an absent stream', 0, STREAM_EXISTS, 'no_stream'],
    ['a revision behind', 3, 0n, 2n],
    ['a revision ahead', 1, 4n, 0n],
    ['a revision on an absent stream', 0, 0n, 'no_stream'],
  ])('refuses %s with the current revision, writing nothing', async (_, existing, expectedRevision, current) => {
    const name = stream();
    if (existing > 0) await subject.client.appendToStream(name, events(existing));
    const error = await refusal(subject.client.appendToStream(name, events(2), { expectedRevision }));
    expect(error).toBeInstanceOf(WrongExpectedVersionError);
    expect(error).toMatchObject({ streamName: name, expectedVersion: expectedRevision, actualVersion: current });
    expect(subject.server.log.stream(name)?.length ?? 0).toBe(existing);
  });

  describe('idempotence', () => {
    it.each<[string, AppendExpectedRevision]>([
      ['no_stream', NO_STREAM],
      ['the same revision', 1n],
      ['any', ANY],
      ['stream_exists', STREAM_EXISTS],
    ])('the same ids appended again with %s succeed with the original answer and write nothing', async (_, expectedRevision) => {
      const name = stream();
      if (expectedRevision !== NO_STREAM) await subject.client.appendToStream(name, events(2));
      const batch = events(3);
      const first = await subject.client.appendToStream(name, batch, { expectedRevision });
      const logLength = subject.server.log.events.length;

      const again = await subject.client.appendToStream(name, batch, { expectedRevision });

      expect(again).toEqual(first);
      expect(subject.server.log.events.length).toBe(logLength);
    });

    it('a batch whose first id is in place but a later one is not is a wrong expected version', async () => {
      const name = stream();
      const batch = events(2);
      await subject.client.appendToStream(name, batch, { expectedRevision: NO_STREAM });
      const error = await refusal(subject.client.appendToStream(name, [batch[0]!, ...events(1)], { expectedRevision: NO_STREAM }));
      expect(error).toMatchObject({ actualVersion: 1n });
      expect(subject.server.log.stream(name)).toHaveLength(2);
    });

    it('does not make ids unique across streams, as EventStoreDB does not', async () => {
      const [one, two] = [stream(), stream()];
      const shared = events(1);
      await subject.client.appendToStream(one, shared);
      await subject.client.appendToStream(two, shared);
      expect((await read(two)).map((event) => event.event?.id)).toEqual([shared[0]!.id]);
    });
  });

  it('gives every event a $all position (commit = prepare) above the last, and answers with the last one', async () => {
    const name = stream();
    const first = await subject.client.appendToStream(name, events(3));
    const second = await subject.client.appendToStream(name, events(2));
    const positions = (await read(name)).map((event) => event.event!.position!);
    expect(positions.every((position) => position.commit === position.prepare)).toBe(true);
    expect(positions.every((position, index) => index === 0 || position.commit > positions[index - 1]!.commit)).toBe(true);
    expect(first.position).toEqual(positions[2]);
    expect(second.position).toEqual(positions[4]);
  });

  it('stores type, content type and creation time as the server sets them, and the custom metadata as sent', async () => {
    const name = stream();
    await subject.client.appendToStream(name, jsonEvent({ type: 'Recorded', data: { a: 1 }, metadata: { actor: 'u-1' } }));
    const [stored] = await read(name);
    expect(stored!.event).toMatchObject({
      type: 'Recorded',
      isJson: true,
      data: { a: 1 },
      metadata: { actor: 'u-1' },
      created: new Date(NOW),
      revision: 0n,
      streamId: name,
    });
  });

  it('refuses a batch over the maximum append size, writing none of it', async () => {
    const name = stream();
    const big = jsonEvent({ type: 'Big', data: { blob: 'x'.repeat(600_000) } });
    const error = await refusal(subject.client.appendToStream(name, [big, jsonEvent({ type: 'Big', data: { blob: 'y'.repeat(600_000) } })]));
    expect(error).toBeInstanceOf(MaxAppendSizeExceededError);
    expect(error).toMatchObject({ maxAppendSize: 1_048_576 });
    expect(subject.server.log.stream(name)).toBeUndefined();
  });

  it('refuses an event id that is not a UUID, writing none of the batch', async () => {
    const name = stream();
    const error = await refusal(subject.client.appendToStream(name, [...events(1), { ...events(1)[0]!, id: 'not-a-uuid' }]));
    expect(error).toBeInstanceOf(UnknownError);
    expect(subject.server.log.stream(name)).toBeUndefined();
  });
});
