/**
 * The EventStoreDB adapter's own cost: append and read rates through the adapter and the real
 * client over gRPC on 127.0.0.1, against the in-process test server (tests/support). They
 * measure the adapter, the client and the transport, not EventStoreDB: the test server keeps
 * everything in memory and writes nothing to disk. Appends are compared with the bare client
 * doing the same calls, so the ratio is the adapter's overhead (validation, JSON handling,
 * retry wrapper, position encoding). Appends go over BatchAppend, as against a 24.10 node; one
 * row measures the adapter over the classic Append of a node without ServerFeatures.
 */
import { randomUUID } from 'node:crypto';
import { EventStoreDBClient, jsonEvent, NO_STREAM } from '@eventstore/db-client';
import type { EventStore } from '../src/infrastructure/eventstore/eventstore.js';
import { openEventStoreDbEventStore } from '../src/infrastructure/eventstore/eventstoredb/index.js';
import { EsdbTestServer } from '../tests/support/esdb-test-server/index.js';
import type { BenchRow } from './run.js';

const SECONDS_PER_MEASURE = Number(process.env.BENCH_SECONDS ?? 1);
/** Client and server share one event loop, so runs are noisy: alternate and take medians. */
const ROUNDS = 3;
const PAYLOAD = 'x'.repeat(1024 - 20);
const LOG_EVENTS = 5_000;
const NOTE = 'in-process test server over gRPC: adapter + client cost, not a real EventStoreDB';

type Rate = { readonly perSecond: number; readonly p50: number; readonly p99: number };

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** `callers` concurrent loops, each appending one 1-KB event at a time to its own stream. */
async function appendRate(callers: number, appendOne: (stream: string, revision: number) => Promise<unknown>): Promise<Rate> {
  const latencies: number[] = [];
  const deadline = performance.now() + SECONDS_PER_MEASURE * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: callers }, async () => {
      const stream = `bench-${randomUUID()}`;
      for (let revision = -1; performance.now() < deadline; revision++) {
        const sent = performance.now();
        await appendOne(stream, revision);
        latencies.push(performance.now() - sent);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { perSecond: latencies.length / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

/** The round with the median rate, latencies included. */
function median(rounds: readonly Rate[]): Rate {
  return [...rounds].sort((a, b) => a.perSecond - b.perSecond)[Math.floor(rounds.length / 2)]!;
}

async function timed(run: () => Promise<number>): Promise<number> {
  const started = performance.now();
  const count = await run();
  return count / ((performance.now() - started) / 1000);
}

async function readRates(store: EventStore): Promise<BenchRow[]> {
  const prefix = `bench-log-${randomUUID().slice(0, 8)}-`;
  for (let written = 0; written < LOG_EVENTS; written += 100) {
    await store.appendToStream(`${prefix}${written / 100}`, Array.from({ length: 100 }, () => event()));
  }
  const streamRead = await timed(async () => {
    let events = 0;
    const deadline = performance.now() + SECONDS_PER_MEASURE * 1000;
    for (let stream = 0; performance.now() < deadline; stream = (stream + 1) % (LOG_EVENTS / 100)) {
      events += (await store.readStream(`${prefix}${stream}`)).length;
    }
    return events;
  });
  const readAll = await timed(async () => {
    let events = 0;
    for await (const _ of store.readAll({ streamPrefixes: [prefix], batchSize: 500 })) events++;
    return events;
  });
  const catchUp = await timed(async () => {
    const subscription = store.subscribeToAll({ streamPrefixes: [prefix] });
    let events = 0;
    for await (const _ of subscription) if (++events === LOG_EVENTS) break;
    return events;
  });
  return [
    { name: 'readStream, 100-event streams', value: streamRead, unit: 'events/s', note: NOTE },
    { name: `readAll, prefix filter, pages of 500 (${LOG_EVENTS} events)`, value: readAll, unit: 'events/s', note: NOTE },
    { name: `subscribeToAll catch-up (${LOG_EVENTS} events)`, value: catchUp, unit: 'events/s', note: NOTE },
  ];
}

function event() {
  return { eventId: randomUUID(), type: 'Benchmarked', data: { payload: PAYLOAD }, metadata: {} };
}

export async function eventStoreDbAdapterSection(): Promise<readonly BenchRow[]> {
  const server = await EsdbTestServer.start();
  const client = EventStoreDBClient.connectionString(server.connectionString);
  const store = openEventStoreDbEventStore(server.connectionString);
  const classicServer = await EsdbTestServer.start({ serverFeatures: false });
  const classic = openEventStoreDbEventStore(classicServer.connectionString);
  try {
    const rows: BenchRow[] = [];
    for (const callers of [1, 16]) {
      const rawRounds: Rate[] = [];
      const adapterRounds: Rate[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        rawRounds.push(
          await appendRate(callers, (stream, revision) =>
            client.appendToStream(stream, jsonEvent({ type: 'Benchmarked', data: { payload: PAYLOAD } }), {
              expectedRevision: revision === -1 ? NO_STREAM : BigInt(revision),
            }),
          ),
        );
        adapterRounds.push(
          await appendRate(callers, (stream, revision) =>
            store.appendToStream(stream, [event()], { expectedVersion: revision === -1 ? 'no_stream' : revision }),
          ),
        );
      }
      const raw = median(rawRounds);
      const adapter = median(adapterRounds);
      rows.push(
        {
          name: `client alone: append 1 event (BatchAppend), ${callers} caller(s)`,
          value: raw.perSecond,
          unit: 'appends/s',
          ratio: 1,
          note: `baseline (median of ${ROUNDS}); p50 ${raw.p50.toFixed(2)} ms, p99 ${raw.p99.toFixed(2)} ms`,
        },
        {
          name: `adapter: append 1 event (BatchAppend), ${callers} caller(s)`,
          value: adapter.perSecond,
          unit: 'appends/s',
          ratio: adapter.perSecond / raw.perSecond,
          note: `median of ${ROUNDS}; p50 ${adapter.p50.toFixed(2)} ms, p99 ${adapter.p99.toFixed(2)} ms; ${NOTE}`,
        },
      );
    }
    const classicRounds: Rate[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      classicRounds.push(
        await appendRate(16, (stream, revision) => classic.appendToStream(stream, [event()], { expectedVersion: revision === -1 ? 'no_stream' : revision })),
      );
    }
    const overAppend = median(classicRounds);
    const batchBaseline = rows.find((row) => row.name.startsWith('client alone') && row.name.endsWith('16 caller(s)'))!.value;
    rows.push({
      name: 'adapter: append 1 event over classic Append (node without ServerFeatures), 16 callers',
      value: overAppend.perSecond,
      unit: 'appends/s',
      ratio: overAppend.perSecond / batchBaseline,
      note: `median of ${ROUNDS}; p50 ${overAppend.p50.toFixed(2)} ms, p99 ${overAppend.p99.toFixed(2)} ms; against the client alone over BatchAppend`,
    });
    rows.push(...(await readRates(store)));
    return rows;
  } finally {
    await classic.close();
    await classicServer.stop();
    await store.close();
    await client.dispose();
    await server.stop();
  }
}
