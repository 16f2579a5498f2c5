import { createHash } from 'node:crypto';
import { z } from 'zod';
import { eventCatalog } from '../../domain/shared/event-versioning.js';
import { commandOutcome } from './outcome.js';

/**
 * An Idempotency-Key is scoped to the token subject. Its records live in their own stream,
 * so a key is claimed once across every case and survives restarts on every adapter:
 * the claim names the request (by hash); the outcome is kept when the command wrote no
 * case event (a refusal, a no-op, a version mismatch). Accepted events carry the key in
 * their metadata instead, so a crash between the two writes loses nothing.
 */
export const idempotencyKeyClaimed = z.strictObject({
  type: z.literal('IdempotencyKeyClaimed'),
  caseId: z.string(),
  requestHash: z.string(),
});
export const idempotentOutcomeRecorded = z.strictObject({
  type: z.literal('IdempotentOutcomeRecorded'),
  outcome: commandOutcome,
});
export const idempotencyRecord = z.discriminatedUnion('type', [idempotencyKeyClaimed, idempotentOutcomeRecorded]);
export type IdempotencyRecord = z.infer<typeof idempotencyRecord>;
export const idempotencyRecords = eventCatalog<IdempotencyRecord>(idempotencyRecord, {}, {});

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export function idempotencyKeyId(subject: string, key: string): string {
  return sha256(`${subject}\n${key}`).slice(0, 40);
}

/** JSON with object keys sorted, so the same request hashes the same whatever its key order. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function requestHash(request: unknown): string {
  return sha256(canonicalJson(request));
}
