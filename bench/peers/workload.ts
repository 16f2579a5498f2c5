/**
 * The one workload every store of the peers section runs: writers each appending one 1-KB event
 * at a time to a stream of their own with the exact expected version, then a reader reading
 * whole streams back. A store takes part through the few operations below.
 */
import { percentile } from '../sqlite-append.js';

export const SECONDS_PER_MEASURE = Number(process.env.BENCH_SECONDS ?? 3);
export const PAYLOAD = 'x'.repeat(1024 - 20);
/** Streams and events per stream the read measure reads back. */
export const READ_STREAMS = 50;
export const READ_STREAM_LENGTH = 20;

export type PeerStore = {
  /** Appends `count` 1-KB events after `version` (undefined: the stream must not exist); the new version. */
  append(stream: string, version: number | undefined, count?: number): Promise<number>;
  /** Reads the whole stream, parsed; how many events it holds. */
  readStream(stream: string): Promise<number>;
};

export type AppendFigures = {
  readonly eventsPerSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly failures: number;
  readonly firstFailure: string;
};

/**
 * `writers` concurrent writers for SECONDS_PER_MEASURE. A failed append is counted, not retried:
 * its writer goes on with a new stream, since whether the failed write landed is unknown.
 */
export async function measureAppends(store: PeerStore, writers: number, prefix: string): Promise<AppendFigures> {
  const latencies: number[] = [];
  let failures = 0;
  let firstFailure = '';
  const deadline = performance.now() + SECONDS_PER_MEASURE * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async (_, writer) => {
      let stream = 0;
      let version: number | undefined;
      while (performance.now() < deadline) {
        const sent = performance.now();
        try {
          version = await store.append(`${prefix}-${writer}-${stream}`, version);
          latencies.push(performance.now() - sent);
        } catch (error) {
          failures++;
          firstFailure ||= error instanceof Error ? error.message : String(error);
          stream++;
          version = undefined;
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { eventsPerSecond: latencies.length / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), failures, firstFailure };
}

/** Writes READ_STREAMS streams of READ_STREAM_LENGTH events, then reads them all back, round after round. */
export async function measureReads(store: PeerStore, prefix: string): Promise<{ readonly eventsPerSecond: number; readonly streamsPerSecond: number }> {
  const streams: string[] = [];
  for (let index = 0; index < READ_STREAMS; index++) {
    // A store that sometimes fails a write gets a few tries, each on a stream of its own.
    for (let attempt = 0; ; attempt++) {
      const stream = `${prefix}-${index}-${attempt}`;
      try {
        await store.append(stream, undefined, READ_STREAM_LENGTH);
        streams.push(stream);
        break;
      } catch (error) {
        if (attempt >= 4) throw error;
      }
    }
  }
  const deadline = performance.now() + SECONDS_PER_MEASURE * 1000;
  const started = performance.now();
  let events = 0;
  let read = 0;
  while (performance.now() < deadline) {
    for (const stream of streams) {
      const count = await store.readStream(stream);
      if (count !== READ_STREAM_LENGTH) throw new Error(`${stream} read back ${count} events, not ${READ_STREAM_LENGTH}`);
      events += count;
      read++;
    }
  }
  const seconds = (performance.now() - started) / 1000;
  return { eventsPerSecond: events / seconds, streamsPerSecond: read / seconds };
}

/** Calls one at a time, in arrival order: how a store that cannot take concurrent calls must be used. */
export function queued(store: PeerStore): PeerStore {
  let tail: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(call: () => Promise<T>): Promise<T> => {
    const result = tail.then(call, call);
    tail = result.catch(() => undefined);
    return result;
  };
  return {
    append: (stream, version, count) => inTurn(() => store.append(stream, version, count)),
    readStream: (stream) => inTurn(() => store.readStream(stream)),
  };
}
