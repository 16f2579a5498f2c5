import { randomUUID } from 'node:crypto';
import { credentials } from '@grpc/grpc-js';
import {
  ANY,
  EventStoreDBClient,
  MaxAppendSizeExceededError,
  NO_STREAM,
  STREAM_EXISTS,
  UnknownError,
  WrongExpectedVersionError,
  jsonEvent,
  type AppendExpectedRevision,
} from '@eventstore/db-client';
import serverFeaturesGrpc from '@eventstore/db-client/generated/serverfeatures_grpc_pb.js';
import { afterEach, describe, expect, it } from 'vitest';
import { Code, WrongExpectedVersion, type SupportedMethodsMessage } from './batch-append-proto.js';
import { EsdbTestServer } from './esdb-test-server.js';
import { Empty } from './proto.js';
import { batchRequest, RawBatchAppend } from './raw-batch-append.js';
import { useTestServer } from './use-test-server.js';
import { uuidFromMessage } from './uuid.js';

const subject = useTestServer();

const events = (count: number, size = 0) =>
  Array.from({ length: count }, (_, index) => jsonEvent({ type: 'Happened', data: { index, pad: 'x'.repeat(size) } }));
const stream = () => `batch-${randomUUID().slice(0, 8)}`;

async function refusal(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('the append was accepted');
}

function supportedMethods(port: number): Promise<SupportedMethodsMessage> {
  const client = new serverFeaturesGrpc.ServerFeaturesClient(`127.0.0.1:${port}`, credentials.createInsecure());
  return new Promise<SupportedMethodsMessage>((resolve, reject) =>
    client.getSupportedMethods(new Empty(), (error, answer) => (error ? reject(error) : resolve(answer!))),
  ).finally(() => client.close());
}

const raws: RawBatchAppend[] = [];
const rawCall = () => {
  const raw = new RawBatchAppend(subject.server.port);
  raws.push(raw);
  return raw;
};
afterEach(() => {
  for (const raw of raws.splice(0)) raw.close();
});

describe('EsdbTestServer ServerFeatures', () => {
  it('answers as a 24.10 node: its version, every client method lower-cased, BatchAppend with deadline_duration', async () => {
    const answer = await supportedMethods(subject.server.port);
    const methods = new Map(answer.getMethodsList().map((method) => [`${method.getServiceName()}/${method.getMethodName()}`, method.getFeaturesList()]));
    expect(answer.getEventStoreServerVersion()).toBe('24.10.0');
    expect(methods.get('event_store.client.streams.streams/batchappend')).toEqual(['deadline_duration']);
    expect(methods.get('event_store.client.streams.streams/read')).toEqual(['position', 'events']);
    expect(methods.get('event_store.client.streams.streams/append')).toEqual([]);
    expect(methods.get('event_store.client.persistent_subscriptions.persistentsubscriptions/read')).toEqual(['stream', 'all']);
    expect(methods.has('event_store.client.server_features.serverfeatures/getsupportedmethods')).toBe(true);
    expect([...methods.keys()].some((key) => key.startsWith('event_store.cluster.'))).toBe(false);
  });

  it('makes the client append with BatchAppend, never Append', async () => {
    const before = { ...subject.server.calls };
    await subject.client.appendToStream(stream(), events(2));
    expect(subject.server.calls.batchAppendWrites).toBe(before.batchAppendWrites + 1);
    expect(subject.server.calls.append).toBe(before.append);
  });
});

describe('EsdbTestServer BatchAppend through the client', () => {
  it.each<[string, number, AppendExpectedRevision, bigint | 'no_stream']>([
    ['no_stream on an existing stream', 2, NO_STREAM, 1n],
    ['stream_exists on an absent stream', 0, STREAM_EXISTS, 'no_stream'],
    ['a revision behind', 3, 0n, 2n],
    ['a revision ahead', 1, 4n, 0n],
    ['a revision on an absent stream', 0, 0n, 'no_stream'],
  ])('refuses %s as the client expects: WrongExpectedVersionError with both versions, nothing written', async (_, existing, expectedRevision, current) => {
    const name = stream();
    if (existing > 0) await subject.client.appendToStream(name, events(existing));
    const error = await refusal(subject.client.appendToStream(name, events(2), { expectedRevision }));
    expect(error).toBeInstanceOf(WrongExpectedVersionError);
    expect(error).toMatchObject({ streamName: name, expectedVersion: expectedRevision, actualVersion: current });
    expect(subject.server.log.stream(name)?.length ?? 0).toBe(existing);
  });

  it('takes a batch the client splits over several messages as one atomic write', async () => {
    const name = stream();
    const batch = events(6, 300);
    const before = { ...subject.server.calls };
    const result = await subject.client.appendToStream(name, batch, { expectedRevision: NO_STREAM, batchAppendSize: 1_000 });
    expect(subject.server.calls.batchAppendMessages - before.batchAppendMessages).toBeGreaterThanOrEqual(3);
    expect(subject.server.calls.batchAppendWrites - before.batchAppendWrites).toBe(1);
    expect(result.nextExpectedRevision).toBe(5n);
    expect(subject.server.log.stream(name)!.map((event) => event.eventId)).toEqual(batch.map((event) => event.id));
    const positions = subject.server.log.stream(name)!.map((event) => subject.server.log.events.indexOf(event));
    expect(positions).toEqual(positions.map((_, index) => positions[0]! + index));
  });

  it('refuses a split batch that outgrows the maximum append size, writing none of it', async () => {
    const name = stream();
    const big = (blob: string) => jsonEvent({ type: 'Big', data: { blob: blob.repeat(600_000) } });
    const error = await refusal(subject.client.appendToStream(name, [big('x'), big('y')], { batchAppendSize: 700_000 }));
    expect(error).toBeInstanceOf(MaxAppendSizeExceededError);
    expect(error).toMatchObject({ maxAppendSize: 1_048_576 });
    expect(subject.server.log.stream(name)).toBeUndefined();
  });

  it('refuses an event id that is not a UUID, writing none of the batch, and keeps serving the call', async () => {
    const name = stream();
    const error = await refusal(subject.client.appendToStream(name, [...events(1), { ...events(1)[0]!, id: 'not-a-uuid' }]));
    expect(error).toBeInstanceOf(UnknownError);
    expect(subject.server.log.stream(name)).toBeUndefined();
    expect((await subject.client.appendToStream(name, events(1))).nextExpectedRevision).toBe(0n);
  });

  it('answers concurrent writes on the one call each with its own result', async () => {
    const names = Array.from({ length: 8 }, stream);
    const results = await Promise.all(names.map((name, index) => subject.client.appendToStream(name, events(index + 1), { expectedRevision: NO_STREAM })));
    expect(results.map((result) => result.nextExpectedRevision)).toEqual(names.map((_, index) => BigInt(index)));
  });
});

describe('EsdbTestServer BatchAppend on the wire', () => {
  it('answers a wrong expected version in-band: ALREADY_EXISTS with a packed WrongExpectedVersion, the id and stream echoed', async () => {
    const name = stream();
    await subject.client.appendToStream(name, events(2));
    const raw = rawCall();
    const correlationId = randomUUID();
    raw.send(batchRequest.message(correlationId, { options: batchRequest.options(name, 5n), events: [batchRequest.event({ a: 1 })], final: true }));
    const answer = await raw.next();
    const status = answer.getError()!;
    expect(uuidFromMessage(answer.getCorrelationId())).toBe(correlationId);
    expect(Buffer.from(answer.getStreamIdentifier()!.getStreamName_asU8()).toString()).toBe(name);
    expect([status.getCode(), status.getMessage()]).toEqual([Code.ALREADY_EXISTS, 'WrongExpectedVersion']);
    expect(status.getDetails()!.getTypeUrl()).toBe('type.googleapis.com/event_store.client.WrongExpectedVersion');
    const detail = status.getDetails()!.unpack(WrongExpectedVersion.deserializeBinary, 'event_store.client.WrongExpectedVersion')!;
    expect([detail.getCurrentStreamRevision(), detail.getExpectedStreamPosition()]).toEqual(['1', '5']);
  });

  it('writes nothing until the final message, and answers interleaved writes by their own ids', async () => {
    const [slow, quick] = [stream(), stream()];
    const [slowId, quickId] = [randomUUID(), randomUUID()];
    const raw = rawCall();
    raw.send(batchRequest.message(slowId, { options: batchRequest.options(slow, 'no_stream'), events: [batchRequest.event(1)], final: false }));
    raw.send(batchRequest.message(quickId, { options: batchRequest.options(quick, 'any'), events: [batchRequest.event(2)], final: true }));
    const first = await raw.next();
    expect(uuidFromMessage(first.getCorrelationId())).toBe(quickId);
    expect(subject.server.log.stream(slow)).toBeUndefined();

    raw.send(batchRequest.message(slowId, { events: [batchRequest.event(3), batchRequest.event(4)], final: true }));
    const second = await raw.next();
    expect(uuidFromMessage(second.getCorrelationId())).toBe(slowId);
    expect(second.getSuccess()!.getCurrentRevision()).toBe('2');
    expect(subject.server.log.stream(slow)).toHaveLength(3);
  });

  it('answers Timeout (the id in structured form) for a write whose final message never comes by its deadline, writing nothing', async () => {
    const name = stream();
    const correlationId = randomUUID();
    const raw = rawCall();
    const deadline = new Date(Date.now() + 150);
    raw.send(batchRequest.message(correlationId, { options: batchRequest.options(name, 'any', deadline), events: [batchRequest.event(1)], final: false }));
    const answer = await raw.next();
    expect(answer.getCorrelationId()!.hasStructured()).toBe(true);
    expect(uuidFromMessage(answer.getCorrelationId())).toBe(correlationId);
    expect(answer.getError()!.getDetails()!.getTypeUrl()).toBe('type.googleapis.com/event_store.client.Timeout');
    expect(Date.now()).toBeGreaterThanOrEqual(deadline.getTime());
    // A final message after the answer belongs to no write and is ignored.
    raw.send(batchRequest.message(correlationId, { events: [batchRequest.event(2)], final: true }));
    await expect(raw.next(300)).rejects.toThrow(/no answer/);
    expect(subject.server.log.stream(name)).toBeUndefined();
  });

  it('answers Timeout at once for a deadline already past', async () => {
    const raw = rawCall();
    const name = stream();
    raw.send(batchRequest.message(randomUUID(), { options: batchRequest.options(name, 'any', new Date(Date.now() - 1_000)), events: [batchRequest.event(1)], final: true }));
    expect((await raw.next()).getError()!.getCode()).toBe(Code.DEADLINE_EXCEEDED);
    expect(subject.server.log.stream(name)).toBeUndefined();
  });
});

describe('EsdbTestServer BatchAppend: the server’s write timeout', () => {
  it('answers Timeout, which the client raises as DeadlineExceededError, for a write held past WriteTimeoutMs, and writes nothing', async () => {
    const server = await EsdbTestServer.start({ writeTimeoutMs: 100 });
    const client = EventStoreDBClient.connectionString(server.connectionString);
    try {
      server.faults.appendDelayMs = 1_000;
      const name = stream();
      const error = await refusal(client.appendToStream(name, events(1), { expectedRevision: ANY }));
      expect(error).toMatchObject({ type: 'deadline-exceeded' });
      expect(server.log.stream(name)).toBeUndefined();
    } finally {
      await client.dispose();
      await server.stop();
    }
  });
});
