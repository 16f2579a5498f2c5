import { v7 as uuidv7 } from 'uuid';
import { decide, erases } from '../../domain/data-protection/decide.js';
import { dataProtectionEvents, type DataProtectionCommand } from '../../domain/data-protection/events.js';
import { londonDate, type Clock } from '../clock.js';
import { stampFor, toAppend } from '../event-metadata.js';
import { WrongExpectedVersionError, type EventStreams } from '../eventstore/eventstore.js';
import { streams } from '../eventstore/stream-names.js';
import type { SubjectKeys } from '../personal-data/subject-keys.js';
import { readSubjectStream, type SubjectRecord } from '../personal-data/subject-stream.js';
import { visibleVersion } from '../queries/visible-case.js';
import { caseNotFoundOutcome } from './command-ruling.js';
import type { CommandContext, KeyedRequest } from './command-context.js';
import { CaseQueue } from './case-queue.js';
import { withIdempotencyKey } from './idempotency.js';
import type { KnownCases } from './known-cases.js';
import type { HandledCommand } from './outcome.js';

export type DataProtectionHandler = (caseId: string, command: DataProtectionCommand, context: CommandContext) => Promise<HandledCommand>;

type Deps = {
  readonly store: EventStreams;
  readonly clock: Clock;
  readonly cases: KnownCases;
  readonly keys: SubjectKeys;
  readonly newId?: () => string;
  readonly maxAttempts?: number;
};

const MAX_ATTEMPTS = 8;

/**
 * EraseSubjectData and RecordRetentionReview (docs/DOMAIN.md section 13): the case must exist in
 * the caller's areas (404 as absent otherwise, at the cost of an absent one); the events go to
 * the case's data-protection stream at the version decided on, never to the case stream, so the
 * case's version (If-Match, the answer's `version`) does not move. An erasure destroys the key
 * only once its event is stored.
 */
export function dataProtectionHandler(deps: Deps): DataProtectionHandler {
  const newId = deps.newId ?? uuidv7;
  const queue = new CaseQueue();

  async function execute(caseId: string, command: DataProtectionCommand, context: CommandContext, keyed?: KeyedRequest): Promise<HandledCommand> {
    const visible = await visibleVersion(deps.cases, caseId, context.areas);
    if (visible === null) return caseNotFoundOutcome;
    if (context.expectedVersion !== undefined && context.expectedVersion !== visible.version) {
      return { kind: 'version-mismatch', expected: context.expectedVersion, actual: visible.version, replayed: false };
    }
    const causationId = newId();
    for (let attempt = 1; attempt <= (deps.maxAttempts ?? MAX_ATTEMPTS); attempt++) {
      const subject = await readSubjectStream(deps.store, caseId);
      const replayed = keyed && subject.records.filter((r) => r.idempotencyKeyId === keyed.keyId);
      if (replayed && replayed.length > 0) return accepted(caseId, visible.version, replayed, true);
      const now = deps.clock.now();
      const decided = decide(command, subject.standing, londonDate(now));
      if (!decided.ok) return { kind: 'refused', ...decided.error, replayed: false };
      const recordedAt = now.toISOString();
      const stamp = stampFor({ ...context, correlationId: context.correlationId ?? causationId, idempotency: keyed }, recordedAt, causationId);
      const appended = decided.value.map((event) => ({ eventId: newId(), event }));
      try {
        await deps.store.appendToStream(
          streams.subject(caseId),
          appended.map(({ eventId, event }) => toAppend(dataProtectionEvents, eventId, event, stamp)),
          { expectedVersion: subject.version === -1 ? 'no_stream' : subject.version },
        );
      } catch (error) {
        if (error instanceof WrongExpectedVersionError) continue;
        throw error;
      }
      // Only now: the erasure is on record before the key goes. Destroyed first, a failed append
      // would leave the data unreadable with nothing in the log to say why (and the next start,
      // which re-applies recorded erasures, could not tell an erasure from a lost key). Recorded
      // first, a failed destroy is finished by that re-application (backups: docs/DOMAIN.md section 13).
      if (erases(decided.value)) await deps.keys.destroy(caseId);
      const records = appended.map(({ eventId, event }, i) => ({ eventId, event, position: subject.version + 1 + i, recordedAt, recordedOn: londonDate(now), idempotencyKeyId: keyed?.keyId }));
      return accepted(caseId, visible.version, records, false);
    }
    return { kind: 'conflict', attempts: deps.maxAttempts ?? MAX_ATTEMPTS, replayed: false };
  }

  const queued = (caseId: string, command: DataProtectionCommand, context: CommandContext, keyed?: KeyedRequest) =>
    queue.run(caseId, () => execute(caseId, command, context, keyed));

  return (caseId, command, context) =>
    context.idempotencyKey === undefined
      ? queued(caseId, command, context)
      : withIdempotencyKey(deps, caseId, command, context, context.idempotencyKey, (keyed) => queued(caseId, command, context, keyed));
}

function accepted(caseId: string, caseVersion: number, records: readonly SubjectRecord[], replayed: boolean): HandledCommand {
  return { kind: 'accepted', caseId, version: caseVersion, events: records.map((r) => ({ eventId: r.eventId, type: r.event.type, recordedAt: r.recordedAt })), replayed };
}
