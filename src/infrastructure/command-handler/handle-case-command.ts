import { randomUUID } from 'node:crypto';
import type { CaseCommand } from '../../domain/case/commands.js';
import { decide } from '../../domain/case/decide.js';
import { caseEvents, type CaseEvent } from '../../domain/case/events.js';
import type { Actor } from '../auth/actor.js';
import { londonDate, type Clock } from '../clock.js';
import { streams, WrongExpectedVersionError, type EventStore, type StoredEvent } from '../eventstore/eventstore.js';
import { loadCase, metadataOf, type LoadedCase } from './case-stream.js';
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
};

export type CaseCommandHandler = (caseId: string, command: CaseCommand, context: CommandContext) => Promise<HandledCommand>;

export type KeyedRequest = { readonly keyId: string; readonly requestHash: string };

/**
 * Load the case, decide, append with the version decided on. A concurrent append that wins
 * makes this one re-read and re-decide (bounded), unless the caller named a version (If-Match),
 * which then fails instead.
 */
export function caseCommandHandler(deps: CommandHandlerDeps): CaseCommandHandler {
  const newId = deps.newId ?? randomUUID;
  const maxAttempts = deps.maxAttempts ?? 8;

  async function execute(caseId: string, command: CaseCommand, context: CommandContext, keyed?: KeyedRequest): Promise<HandledCommand> {
    const causationId = newId();
    const correlationId = context.correlationId ?? causationId;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      const loaded = await loadCase(deps.store, caseId);
      if (keyed) {
        const earlier = loaded.stored.filter((e) => metadataOf(e).idempotency?.keyId === keyed.keyId);
        if (earlier.length > 0) return { ...acceptedFrom(caseId, earlier), replayed: true };
      }
      if (context.expectedVersion !== undefined && context.expectedVersion !== loaded.version) {
        return { kind: 'version-mismatch', expected: context.expectedVersion, actual: loaded.version, replayed: false };
      }
      const now = deps.clock.now();
      const decision = decide(command, loaded.timeline, londonDate(now));
      if (!decision.ok) return { kind: 'refused', ...decision.error, replayed: false };
      if (decision.value.length === 0) return { kind: 'accepted', caseId, version: loaded.version, events: [], replayed: false };

      const metadata: EventMetadata = {
        schemaVersion: 1,
        recordedAt: recordedAt(now, loaded),
        actor: context.actor,
        correlationId,
        causationId,
        ...(keyed && { idempotency: keyed }),
      };
      const toAppend = decision.value.map((event) => envelope(newId(), event, metadata));
      try {
        const result = await deps.store.appendToStream(streams.case(caseId), toAppend, {
          expectedVersion: loaded.version === -1 ? 'no_stream' : loaded.version,
        });
        return {
          kind: 'accepted',
          caseId,
          version: result.nextExpectedVersion,
          events: toAppend.map((e, i) => ({ eventId: e.eventId, type: e.type, occurredOn: decision.value[i]!.occurredOn, recordedAt: metadata.recordedAt })),
          replayed: false,
        };
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        if (context.expectedVersion !== undefined) {
          return { kind: 'version-mismatch', expected: context.expectedVersion, actual: error.actual, replayed: false };
        }
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
export function acceptedFrom(caseId: string, written: readonly StoredEvent[]): Extract<CommandOutcome, { kind: 'accepted' }> {
  const events: AcceptedEvent[] = written.map((e) => ({
    eventId: e.eventId,
    type: e.type,
    occurredOn: String(e.data['occurredOn']),
    recordedAt: metadataOf(e).recordedAt,
  }));
  return { kind: 'accepted', caseId, version: written[written.length - 1]!.streamPosition, events };
}
