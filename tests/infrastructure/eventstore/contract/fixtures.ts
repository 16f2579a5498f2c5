import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach } from 'vitest';
import type { EventStore, EventToAppend, JsonObject, StoredEvent, Subscription } from '../../../../src/infrastructure/eventstore/eventstore.js';

export type StoreUnderTest = { readonly store: EventStore; dispose(): Promise<void> };
export type OpenStore = () => Promise<StoreUnderTest>;

/** A fresh store for every test, disposed after it; `subject.store` is the current one. */
export function useFreshStore(open: OpenStore): { readonly store: EventStore } {
  let current: StoreUnderTest | undefined;
  beforeEach(async () => {
    current = await open();
  });
  afterEach(async () => {
    await current?.dispose();
    current = undefined;
  });
  return {
    get store(): EventStore {
      if (current === undefined) throw new Error('the store is only open inside a test');
      return current.store;
    },
  };
}

/**
 * Names unique to one test: a shared server (EventStoreDB) keeps other tests' streams, so the
 * suite never assumes an empty log, only its own prefix.
 */
export function uniquePrefix(label = 'contract'): string {
  return `${label}-${randomUUID().slice(0, 8)}-`;
}

export function uniqueStream(label = 'stream'): string {
  return `${uniquePrefix(label)}s`;
}

export function newEvent(type = 'SomethingHappened', data: JsonObject = {}, metadata: JsonObject = {}): EventToAppend {
  return { eventId: randomUUID(), type, data, metadata };
}

export function newEvents(count: number, type = 'SomethingHappened'): EventToAppend[] {
  return Array.from({ length: count }, (_, index) => newEvent(type, { index }));
}

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

export async function eventIdsOf(store: EventStore, streamName: string): Promise<string[]> {
  return (await store.readStream(streamName)).map((event) => event.eventId);
}

/** Every event of the log under a prefix, as the whole-log read sees it. */
export async function logUnder(store: EventStore, prefix: string): Promise<StoredEvent[]> {
  return collect(store.readAll({ streamPrefixes: [prefix] }));
}

/** Pulls `count` events from a subscription, failing instead of hanging if they do not come. */
export async function take(subscription: Subscription, count: number, timeoutMs = 10_000): Promise<StoredEvent[]> {
  const iterator = subscription[Symbol.asyncIterator]();
  const taken: StoredEvent[] = [];
  const deadline = Date.now() + timeoutMs;
  while (taken.length < count) {
    const next = await within(iterator.next(), deadline - Date.now(), () => `subscription gave ${taken.length} of ${count} events within ${timeoutMs} ms`);
    if (next.done) throw new Error(`subscription ended after ${taken.length} of ${count} events`);
    taken.push(next.value);
  }
  return taken;
}

/** The promise's outcome, or a rejection naming what did not happen in time. */
export function within<T>(promise: Promise<T>, ms: number, describe: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(describe())), Math.max(ms, 0));
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Resolves with whatever the promise settled to, so a test can assert on a rejection's class and fields. */
export async function settle<T>(promise: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
  try {
    return { ok: true, value: await promise };
  } catch (error) {
    return { ok: false, error };
  }
}

export function strictlyIncreasing(positions: readonly bigint[]): boolean {
  return positions.every((position, index) => index === 0 || position > positions[index - 1]!);
}
