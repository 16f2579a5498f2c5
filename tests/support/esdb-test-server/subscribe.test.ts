import { randomUUID } from 'node:crypto';
import { START, jsonEvent, streamNameFilter, type AllStreamResolvedEvent, type Position } from '@eventstore/db-client';
import { describe, expect, it } from 'vitest';
import { describeResponse, rawRead, readOptions } from './raw-read.js';
import { useTestServer } from './use-test-server.js';

const subject = useTestServer();
const events = (count: number) => Array.from({ length: count }, (_, index) => jsonEvent({ type: 'Happened', data: { index } }));
const unique = (label: string) => `${label}${randomUUID().slice(0, 6)}`;

/** Appends `count` events once `responses` holds `after` messages, so they arrive live; `done` waits for it. */
function appendWhen(streamName: string, count: number, after: number) {
  let appending: Promise<unknown> | undefined;
  const onResponse = (responses: readonly unknown[]) => {
    if (appending === undefined && responses.length === after) appending = subject.client.appendToStream(streamName, events(count));
  };
  return Object.assign(onResponse, { done: () => appending });
}

describe('EsdbTestServer Read: stream subscriptions', () => {
  it('confirm, catch up, say caught up, then follow live appends', async () => {
    const name = unique('sub-stream-');
    await subject.client.appendToStream(name, events(2));
    const appendLive = appendWhen(name, 1, 4);
    const responses = await rawRead(
      subject.server.port,
      (options) => {
        readOptions.stream(options, name);
        readOptions.subscription(options);
      },
      (seen) => {
        appendLive(seen);
        return seen.length === 5;
      },
    );
    await appendLive.done();
    expect(responses.map(describeResponse)).toEqual(['confirmation', `${name}@0`, `${name}@1`, 'caught-up', `${name}@2`]);
  });

  it('start after the given revision, or at the end for only what comes next', async () => {
    const name = unique('sub-from-');
    await subject.client.appendToStream(name, events(3));
    const fromRevision = await rawRead(
      subject.server.port,
      (options) => {
        readOptions.stream(options, name, { revision: 0n });
        readOptions.subscription(options);
      },
      (seen) => seen.length === 4,
    );
    expect(fromRevision.map(describeResponse)).toEqual(['confirmation', `${name}@1`, `${name}@2`, 'caught-up']);

    const appendLive = appendWhen(name, 1, 2);
    const fromEnd = await rawRead(
      subject.server.port,
      (options) => {
        readOptions.stream(options, name, { end: true });
        readOptions.subscription(options);
      },
      (seen) => {
        appendLive(seen);
        return seen.length === 3;
      },
    );
    await appendLive.done();
    expect(fromEnd.map(describeResponse)).toEqual(['confirmation', 'caught-up', `${name}@3`]);
  });
});

describe('EsdbTestServer Read: $all subscriptions', () => {
  it('catch up from a position (exclusive), then follow live appends', async () => {
    const name = unique('sub-all-');
    const first = await subject.client.appendToStream(name, events(2));
    const subscription = subject.client.subscribeToAll({ fromPosition: first.position! });
    try {
      await subject.client.appendToStream(name, events(1));
      const seen: string[] = [];
      for await (const event of subscription as AsyncIterable<AllStreamResolvedEvent>) {
        if (event.event?.streamId === name) seen.push(`${name}@${event.event.revision}`);
        if (seen.length === 1) await subject.client.appendToStream(name, events(1));
        if (seen.length === 2) break;
      }
      expect(seen).toEqual([`${name}@2`, `${name}@3`]);
    } finally {
      await subscription.unsubscribe();
    }
  });

  it('with a filter, send a checkpoint every interval of considered events and when catch-up ends, never one twice', async () => {
    const label = unique('sub-cp-');
    // Window 2 x multiplier 1: a checkpoint after every second event looked at, matching or not.
    const start = (await subject.client.appendToStream(`${label}-other`, events(1))).position!.commit;
    await subject.client.appendToStream(`${label}-keep`, events(2));
    await subject.client.appendToStream(`${label}-other`, events(2));
    const responses = await rawRead(
      subject.server.port,
      (options) => {
        readOptions.all(options, { position: start });
        readOptions.streamPrefixFilter(options, [`${label}-keep`], 2);
        readOptions.subscription(options);
      },
      (seen) => seen.some((response) => response.hasCaughtUp()),
    );
    const positions = [...subject.server.log.events].filter((event) => event.streamName.startsWith(label)).map((event) => event.logPosition);
    expect(responses.map(describeResponse)).toEqual([
      'confirmation',
      `${label}-keep@0`,
      `${label}-keep@1`,
      `checkpoint@${positions[2]}`,
      `checkpoint@${positions[4]}`,
      'caught-up',
    ]);
  });

  it("reach the client's checkpointReached callback", async () => {
    const label = unique('sub-cb-');
    await subject.client.appendToStream(`${label}-x`, events(3));
    const checkpoints: Position[] = [];
    let resolveFirst: () => void = () => undefined;
    const reached = new Promise<void>((resolve) => (resolveFirst = resolve));
    const subscription = subject.client.subscribeToAll({
      fromPosition: START,
      filter: streamNameFilter({
        prefixes: [label],
        checkpointReached: (_, position) => {
          checkpoints.push(position);
          resolveFirst();
        },
      }),
    });
    subscription.on('data', () => undefined);
    try {
      await reached;
      expect(checkpoints[0]!.commit).toBeGreaterThan(0n);
    } finally {
      await subscription.unsubscribe();
    }
  });
});
