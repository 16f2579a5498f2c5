import { randomUUID } from 'node:crypto';
import {
  BACKWARDS,
  END,
  FORWARDS,
  START,
  StreamNotFoundError,
  jsonEvent,
  type AllStreamResolvedEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { describe, expect, it } from 'vitest';
import { describeResponse, rawRead, readOptions } from './raw-read.js';
import { useTestServer } from './use-test-server.js';

const subject = useTestServer();
const events = (count: number) => Array.from({ length: count }, (_, index) => jsonEvent({ type: 'Happened', data: { index } }));
const stream = (label = 'read') => `${label}-${randomUUID().slice(0, 8)}`;

async function revisions(streamName: string, options: ReadStreamOptions): Promise<bigint[]> {
  const read: bigint[] = [];
  for await (const event of subject.client.readStream(streamName, options) as AsyncIterable<ResolvedEvent>) read.push(event.event!.revision);
  return read;
}

async function readAll(options: ReadAllOptions): Promise<AllStreamResolvedEvent[]> {
  const read: AllStreamResolvedEvent[] = [];
  for await (const event of subject.client.readAll(options)) read.push(event);
  return read;
}

describe('EsdbTestServer Read: streams', () => {
  it('answers stream-not-found for an absent stream', async () => {
    await expect(revisions(stream(), {})).rejects.toBeInstanceOf(StreamNotFoundError);
  });

  it('reads forwards from the start or a revision (inclusive), up to the count', async () => {
    const name = stream();
    await subject.client.appendToStream(name, events(5));
    expect(await revisions(name, { fromRevision: START })).toEqual([0n, 1n, 2n, 3n, 4n]);
    expect(await revisions(name, { fromRevision: 2n, maxCount: 2 })).toEqual([2n, 3n]);
    expect(await revisions(name, { fromRevision: 9n })).toEqual([]);
  });

  it('reads backwards from the end or a revision (inclusive), up to the count', async () => {
    const name = stream();
    await subject.client.appendToStream(name, events(5));
    expect(await revisions(name, { direction: BACKWARDS, fromRevision: END, maxCount: 2 })).toEqual([4n, 3n]);
    expect(await revisions(name, { direction: BACKWARDS, fromRevision: 1n })).toEqual([1n, 0n]);
    expect(await revisions(name, { direction: BACKWARDS, fromRevision: 40n, maxCount: 1 })).toEqual([4n]);
  });
});

describe('EsdbTestServer Read: $all', () => {
  it('starts with the system events a fresh node holds', async () => {
    const [first] = await readAll({ fromPosition: START, maxCount: 1 });
    expect(first!.event!.streamId).toBe('$settings');
    expect(first!.event!.position.commit).toBeGreaterThan(0n);
  });

  it('reads forwards from a position including it, and backwards from a position excluding it', async () => {
    const name = stream();
    await subject.client.appendToStream(name, events(3));
    const [, middle] = (await readAll({ fromPosition: START })).filter((event) => event.event!.streamId === name);
    const position = middle!.event!.position;
    const forwards = await readAll({ fromPosition: position, direction: FORWARDS, maxCount: 2 });
    expect(forwards.map((event) => event.event!.revision)).toEqual([1n, 2n]);
    const backwards = await readAll({ fromPosition: position, direction: BACKWARDS, maxCount: 1 });
    expect(backwards.map((event) => [event.event!.streamId, event.event!.revision])).toEqual([[name, 0n]]);
  });

  it('reads backwards from the end, newest first', async () => {
    const name = stream();
    await subject.client.appendToStream(name, events(2));
    const newest = await readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 2 });
    expect(newest.map((event) => event.event!.revision)).toEqual([1n, 0n]);
  });

  it('filters on stream-name prefixes on the server, counting only the events it returns', async () => {
    const label = `filter${randomUUID().slice(0, 6)}`;
    for (const suffix of ['a', 'b', 'a']) await subject.client.appendToStream(`${label}-${suffix}-${randomUUID().slice(0, 4)}`, events(2));
    const responses = await rawRead(subject.server.port, (options) => {
      readOptions.all(options);
      readOptions.streamPrefixFilter(options, [`${label}-a-`], 1);
      options.setCount('3');
    });
    const names = responses.map(describeResponse);
    expect(names).toHaveLength(3);
    expect(names.every((name) => name.startsWith(`${label}-a-`))).toBe(true);
  });

  it('refuses combinations it has no enumerator for, like a filtered stream read', async () => {
    const read = rawRead(subject.server.port, (options) => {
      readOptions.stream(options, stream());
      readOptions.streamPrefixFilter(options, ['x']);
      options.setCount('1');
    });
    await expect(read).rejects.toMatchObject({ code: 3, details: expect.stringContaining('is invalid') });
  });
});
