import { randomUUID } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type { CaseCommand } from '../../domain/case/commands.js';
import { decide } from '../../domain/case/decide.js';
import { caseEvents, type CaseEvent } from '../../domain/case/events.js';
import type { Actor } from '../auth/actor.js';
import { londonDate, type Clock } from '../clock.js';
import { streams, WrongExpectedVersionError, type EventStore } from '../eventstore/eventstore.js';
import { CaseCache } from './case-cache.js';
import { afterAppend, loadCase, NO_CASE, type LoadedCase, type WrittenEvent } from './case-stream.js';
import type { EventMetadata } from './event-metadata.js';
import { withIdempotencyKey } from './idempotency.js';
import type { AcceptedEvent, CommandOutcome, HandledCommand } from './outcome.js';

export type CommandContext = {
  readonly actor: Actor;
  /** The request id, or the caller's correlation id. */
  readonly correlationId?: string;
  /** If-Match: append only if the case is at this version (-1: the case must not exist). */
  readonly expectedVersion?: number;
  readonly idempotencyKey?: string;
};

export type CommandHandlerDeps = {
  readonly store: EventStore;
  readonly clock: Clock;
  readonly newId?: () => string;
  /** Re-read and re-decide at most this many times when a concurrent append wins. */
  readonly maxAttempts?: number;
  /** How many recently decided cases to keep parsed (0: read every case for every command). */
  readonly cacheSize?: number;
};

export type CaseCommandHandler = (caseId: string, command: CaseCommand, context: CommandContext) => Promise<HandledCommand>;

export type KeyedRequest = { readonly keyId: string; readonly requestHash: string };

/**
 * Load the case, decide, append with the version decided on. A concurrent append that wins
 * makes this one re-read and re-decide (bounded), unless the caller named a version (If-Match),
 * which then fails instead.
 */
export function caseCommandHandler(deps: CommandHandlerDeps): CaseCommandHandler {
  const newId = deps.newId ?? uuidv7;
  const maxAttempts = deps.maxAttempts ?? 8;
  const cache = new CaseCache(deps.cacheSize ?? 5000);

  async function execute(caseId: string, command: CaseCommand, context: CommandContext, keyed?: KeyedRequest): Promise<HandledCommand> {
    const causationId = newId();
    const correlationId = context.correlationId ?? causationId;
    const stream = streams.case(caseId);
    let fresh = false;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      // A referral is of a case that does not exist yet: assume so, and let the append's
      // no_stream expectation prove it (a conflict reads the case and refuses properly).
      const cached = fresh ? undefined : (cache.get(caseId) ?? (command.type === 'ReferOffender' ? NO_CASE : undefined));
      const loaded = cached ?? (await loadCase(deps.store, caseId));
      if (cached === undefined) cache.set(caseId, loaded);
      // An answer that writes nothing cannot be checked by an expected version: confirm a cached case first.
      const stale = async () => cached !== undefined && (await deps.store.streamVersion(stream)) !== loaded.version;

      if (keyed) {
        const earlier = loaded.written.filter((e) => e.idempotencyKeyId === keyed.keyId);
        if (earlier.length > 0) return { ...acceptedFrom(caseId, earlier), replayed: true };
      }
      if (context.expectedVersion !== undefined && context.expectedVersion !== loaded.version) {
        if (await stale()) {
          fresh = true;
          continue;
        }
        return { kind: 'version-mismatch', expected: context.expectedVersion, actual: loaded.version, replayed: false };
      }
      const now = deps.clock.now();
      const decision = decide(command, loaded.timeline, londonDate(now), loaded.latest);
      if (!decision.ok || decision.value.length === 0) {
        if (await stale()) {
          fresh = true;
          continue;
        }
        return decision.ok
          ? { kind: 'accepted', caseId, version: loaded.version, events: [], replayed: false }
          : { kind: 'refused', ...decision.error, replayed: false };
      }

      const metadata: EventMetadata = {
        schemaVersion: 1,
        recordedAt: recordedAt(now, loaded),
        actor: context.actor,
        correlationId,
        causationId,
        ...(keyed && { idempotency: keyed }),
      };
      const appended = decision.value.map((event) => ({ eventId: newId(), event }));
      try {
        const result = await deps.store.appendToStream(stream, appended.map(({ eventId, event }) => envelope(eventId, event, metadata)), {
          expectedVersion: loaded.version === -1 ? 'no_stream' : loaded.version,
        });
        const after = afterAppend(loaded, appended, metadata);
        if (result.nextExpectedVersion === after.version) cache.set(caseId, after);
        else cache.delete(caseId);
        return {
          kind: 'accepted',
          caseId,
          version: result.nextExpectedVersion,
          events: appended.map(({ eventId, event }) => ({ eventId, type: event.type, occurredOn: event.occurredOn, recordedAt: metadata.recordedAt })),
          replayed: false,
        };
      } catch (error) {
        cache.delete(caseId);
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        if (context.expectedVersion !== undefined) {
          return { kind: 'version-mismatch', expected: context.expectedVersion, actual: error.actual, replayed: false };
        }
        fresh = true;
      }
    }
    return { kind: 'conflict', attempts: maxAttempts, replayed: false };
  }

  return (caseId, command, context) =>
    context.idempotencyKey === undefined
      ? execute(caseId, command, context)
      : withIdempotencyKey(deps.store, caseId, command, context, context.idempotencyKey, (keyed) => execute(caseId, command, context, keyed));
}

function envelope(eventId: string, event: CaseEvent, metadata: EventMetadata) {
  const encoded = caseEvents.encode(event);
  return { eventId, type: encoded.type, data: encoded.data, metadata: { ...metadata, schemaVersion: encoded.schemaVersion } };
}

/** Never earlier than what the stream already holds, so "as known at" stays monotonic if the clock steps back. */
function recordedAt(now: Date, loaded: LoadedCase): string {
  const stamp = now.toISOString();
  return loaded.lastRecordedAt !== null && loaded.lastRecordedAt > stamp ? loaded.lastRecordedAt : stamp;
}

/** The first response to a keyed command, rebuilt from the events it wrote. */
export function acceptedFrom(caseId: string, written: readonly WrittenEvent[]): Extract<CommandOutcome, { kind: 'accepted' }> {
  const events: AcceptedEvent[] = written.map(({ eventId, type, occurredOn, recordedAt }) => ({ eventId, type, occurredOn, recordedAt }));
  return { kind: 'accepted', caseId, version: written[written.length - 1]!.streamPosition, events };
}
