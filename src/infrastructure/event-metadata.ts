import { z } from 'zod';
import type { EventCatalog } from '../domain/shared/event-versioning.js';
import { actor, type Actor } from './auth/actor.js';
import type { EventToAppend, JsonObject, StoredEvent } from './eventstore/eventstore.js';

/**
 * Metadata stored with every event the engine writes for someone (docs/ARCHITECTURE.md section 4), built and
 * read here only; the event id travels in the envelope.
 */
export const eventMetadata = z.object({
  schemaVersion: z.int().min(1),
  recordedAt: z.iso.datetime(),
  actor,
  /** The server's id of the request that wrote the event. */
  correlationId: z.string().min(1),
  causationId: z.string().min(1),
  /** The caller's own X-Request-Id, when it sent one: kept apart, never taken as ours. */
  clientRequestId: z.string().optional(),
  /** Set on events written for a request that carried an Idempotency-Key. */
  idempotency: z.object({ keyId: z.string(), requestHash: z.string() }).optional(),
});
export type EventMetadata = z.infer<typeof eventMetadata>;

/** Who an event is written for, and in answer to which request. */
export type WrittenFor = {
  readonly actor: Actor;
  readonly correlationId: string;
  readonly clientRequestId?: string | undefined;
  readonly idempotency?: { readonly keyId: string; readonly requestHash: string } | undefined;
};

/** An event's metadata but its schema version, which comes with its encoding. */
export type Stamp = Omit<EventMetadata, 'schemaVersion'>;

/** The metadata of events written at `recordedAt`, caused by `causationId`. */
export function stampFor(writtenFor: WrittenFor, recordedAt: string, causationId: string): Stamp {
  return {
    recordedAt,
    actor: writtenFor.actor,
    correlationId: writtenFor.correlationId,
    causationId,
    ...(writtenFor.clientRequestId !== undefined && { clientRequestId: writtenFor.clientRequestId }),
    ...(writtenFor.idempotency !== undefined && { idempotency: writtenFor.idempotency }),
  };
}

/** An event of a catalog, encoded at its current schema version, ready to append with its metadata. */
export function toAppend<E extends { type: string }>(catalog: EventCatalog<E>, eventId: string, event: E, stamp: Stamp): EventToAppend {
  const encoded = catalog.encode(event);
  const metadata: EventMetadata = { schemaVersion: encoded.schemaVersion, ...stamp };
  return { eventId, type: encoded.type, data: encoded.data, metadata: metadata as JsonObject };
}

/** The metadata this engine wrote (validated when written, so only cast here). */
export const metadataOf = (e: StoredEvent) => e.metadata as unknown as EventMetadata;

/** The schema version an event was stored at (1 for records written before it was stored). */
export const schemaVersionOf = (e: StoredEvent) => Number(e.metadata['schemaVersion'] ?? 1);

/** A stored event of a catalog, upcast and validated (strict: fails loudly on what it does not know). */
export const decodeStored = <E extends { type: string }>(catalog: EventCatalog<E>, e: StoredEvent): E => catalog.decode(e.type, schemaVersionOf(e), e.data);
