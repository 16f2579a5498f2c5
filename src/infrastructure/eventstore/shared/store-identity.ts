import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { eventCatalog } from '../../../domain/shared/event-versioning.js';
import { WrongExpectedVersionError, type EventStore } from '../eventstore.js';
import { streams } from '../stream-names.js';

/**
 * A store's identity as an event, for a store that has no other place to keep it: the first and
 * only event of `mappa-store`, appended with `no_stream`, so when two processes create it at once
 * one wins and both read the winner's.
 */
export const storeCreated = z.strictObject({ type: z.literal('StoreCreated'), storeId: z.uuid() });
export const storeRecord = z.discriminatedUnion('type', [storeCreated]);
export type StoreRecord = z.infer<typeof storeRecord>;
export const storeRecords = eventCatalog<StoreRecord>(storeRecord, {}, {});

type StreamAccess = Pick<EventStore, 'readStream' | 'appendToStream'>;

async function readStoreId(store: StreamAccess): Promise<string | undefined> {
  const [first] = await store.readStream(streams.identity, { maxCount: 1 });
  if (first === undefined) return undefined;
  return storeRecords.decode(first.type, Number(first.metadata['schemaVersion'] ?? 1), first.data).storeId;
}

/** The store id kept in the identity stream, created on first use. */
export async function storeIdFromStream(store: StreamAccess): Promise<string> {
  const existing = await readStoreId(store);
  if (existing !== undefined) return existing;
  const encoded = storeRecords.encode({ type: 'StoreCreated', storeId: randomUUID() });
  try {
    await store.appendToStream(
      streams.identity,
      [{ eventId: randomUUID(), type: encoded.type, data: encoded.data, metadata: { schemaVersion: encoded.schemaVersion, recordedAt: new Date().toISOString() } }],
      { expectedVersion: 'no_stream' },
    );
  } catch (error) {
    if (!(error instanceof WrongExpectedVersionError)) throw error;
  }
  const created = await readStoreId(store);
  if (created === undefined) throw new Error(`the store identity stream ${streams.identity} is empty after it was created`);
  return created;
}
