import { randomUUID } from 'node:crypto';
import { EventStoreDBClient, START, jsonEvent, type ResolvedEvent } from '@eventstore/db-client';
import { afterAll, describe, expect, it } from 'vitest';
import { EsdbTestServer } from './esdb-test-server.js';

const events = (count: number) => Array.from({ length: count }, (_, index) => jsonEvent({ type: 'Happened', data: { index } }));

async function read(client: EventStoreDBClient, streamName: string): Promise<ResolvedEvent[]> {
  const read: ResolvedEvent[] = [];
  for await (const event of client.readStream(streamName)) read.push(event);
  return read;
}

/** The first append that goes through, for a client whose channel is finding the server again. */
async function appendWhenBack(client: EventStoreDBClient, streamName: string) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await client.appendToStream(streamName, events(1));
    } catch (error) {
      if (attempt > 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

describe('EsdbTestServer stop and start', () => {
  const cleanup: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const release of cleanup.reverse()) await release();
  });

  it('comes back on the same port with its data, and positions keep increasing', async () => {
    const server = await EsdbTestServer.start();
    const client = EventStoreDBClient.connectionString(server.connectionString);
    cleanup.push(() => server.stop(), () => client.dispose());
    const name = `restart-${randomUUID().slice(0, 8)}`;
    const before = await client.appendToStream(name, events(2));
    const port = server.port;

    await server.stop();
    // UNAVAILABLE for a new call; CANCELLED on the BatchAppend call the server dropped.
    const refused = await client.appendToStream(name, events(1)).then(() => undefined, (error: { code?: number }) => error.code);
    expect([1, 14]).toContain(refused);
    await server.start();

    expect(server.port).toBe(port);
    const after = await appendWhenBack(client, name);
    expect(after.position!.commit).toBeGreaterThan(before.position!.commit);
    expect((await read(client, name)).map((event) => event.event!.revision)).toEqual([0n, 1n, 2n]);
  });

  it('ends calls in flight when stopped, as a killed node would', async () => {
    const server = await EsdbTestServer.start();
    const client = EventStoreDBClient.connectionString(server.connectionString);
    cleanup.push(() => server.stop(), () => client.dispose());
    const subscription = client.subscribeToAll({ fromPosition: START });
    const dropped = new Promise<unknown>((resolve) => subscription.on('error', resolve));
    await new Promise<void>((resolve) => subscription.once('confirmation', resolve));

    await server.stop();

    expect(await dropped).toMatchObject({ code: 1 });
    await subscription.unsubscribe();
  });
});
