import { z } from 'zod';
import { actor } from '../auth/actor.js';

/** Metadata stored with every event (docs/ARCHITECTURE.md section 4); the event id travels in the envelope. */
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
