import { randomUUID } from 'node:crypto';
import type { CaseStreamCommand } from '../../domain/case/corrections.js';
import type { DataProtectionCommand } from '../../domain/data-protection/events.js';
import { WrongExpectedVersionError, type EventStreams, type StoredEvent } from '../eventstore/eventstore.js';
import type { Clock } from '../clock.js';
import { decodeStored, stampFor, toAppend } from '../event-metadata.js';
import { streams } from '../eventstore/stream-names.js';
import type { CommandContext, KeyedRequest } from './command-context.js';
import { idempotencyKeyId, idempotencyRecords, requestHash, type IdempotencyRecord } from './idempotency-records.js';
import type { HandledCommand } from './outcome.js';

const MAX_ROUNDS = 8;

const decodeRecord = (e: StoredEvent): IdempotencyRecord => decodeStored(idempotencyRecords, e);

/**
 * Runs a command under an Idempotency-Key: the same key and request again returns the first
 * outcome and writes nothing; the same key with another request is refused. Concurrent
 * requests with one key race for the claim (an append to an absent stream) and for the case
 * append; losers re-read and replay what the winner wrote.
 */
export async function withIdempotencyKey(
  { store, clock }: { readonly store: EventStreams; readonly clock: Clock },
  caseId: string,
  command: CaseStreamCommand | DataProtectionCommand,
  context: CommandContext,
  key: string,
  /** `claimedBefore`: an earlier request with this key and body claimed it (this one is a retry). */
  execute: (keyed: KeyedRequest, claimedBefore: boolean) => Promise<HandledCommand>,
): Promise<HandledCommand> {
  const keyed: KeyedRequest = {
    keyId: idempotencyKeyId(context.actor.id, key),
    requestHash: requestHash({ caseId, command, expectedVersion: context.expectedVersion ?? null }),
  };
  const stream = streams.idempotency(keyed.keyId);
  const recordEvent = (record: IdempotencyRecord) => {
    const eventId = randomUUID();
    const writtenFor = { actor: context.actor, correlationId: context.correlationId ?? eventId, clientRequestId: context.clientRequestId };
    return toAppend(idempotencyRecords, eventId, record, stampFor(writtenFor, clock.now().toISOString(), eventId));
  };

  for (let round = 0; round < MAX_ROUNDS; round++) {
    const records = (await store.readStream(stream)).map(decodeRecord);
    const claim = records.find((r) => r.type === 'IdempotencyKeyClaimed');
    if (!claim) {
      try {
        await store.appendToStream(stream, [recordEvent({ type: 'IdempotencyKeyClaimed', caseId, requestHash: keyed.requestHash })], { expectedVersion: 'no_stream' });
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        continue;
      }
    } else if (claim.requestHash !== keyed.requestHash) {
      return { kind: 'idempotency-key-reused', replayed: false };
    }
    const recorded = records.find((r) => r.type === 'IdempotentOutcomeRecorded');
    if (recorded) return { ...recorded.outcome, replayed: true };

    const handled = await execute(keyed, claim !== undefined);
    // Accepted events carry the key themselves; a transient outcome is not one to keep.
    if (handled.replayed || handled.kind === 'conflict' || handled.kind === 'idempotency-key-reused' || handled.kind === 'area-not-permitted') return handled;
    if (handled.kind === 'accepted' && handled.events.length > 0) return handled;
    const { replayed: _replayed, ...outcome } = handled;
    try {
      await store.appendToStream(stream, [recordEvent({ type: 'IdempotentOutcomeRecorded', outcome })], { expectedVersion: 0 });
      return handled;
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      // Another request with this key recorded its outcome first: answer with that one.
    }
  }
  return { kind: 'conflict', attempts: MAX_ROUNDS, replayed: false };
}
