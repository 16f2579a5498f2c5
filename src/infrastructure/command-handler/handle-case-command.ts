import { v7 as uuidv7 } from 'uuid';
import { correctionEvents, type CaseStreamCommand, type EventsRetracted } from '../../domain/case/corrections.js';
import { caseEvents } from '../../domain/case/event-versions.js';
import type { CaseEvent } from '../../domain/case/events.js';
import { tokenAreas, type AreaPolicy, type Covers } from './area-policy.js';
import { londonDate, type Clock } from '../clock.js';
import { WrongExpectedVersionError, type EventStreams } from '../eventstore/eventstore.js';
import { streams } from '../eventstore/stream-names.js';
import { stampFor, toAppend, type Stamp } from '../event-metadata.js';
import type { CommandContext, KeyedRequest } from './command-context.js';
import { caseNotFoundOutcome, rule, type Ruling } from './command-ruling.js';
import { CaseQueue } from './case-queue.js';
import { afterAppend, NO_CASE, type LoadedCase } from './loaded-case.js';
import { withIdempotencyKey } from './idempotency.js';
import { KnownCases } from './known-cases.js';
import type { HandledCommand } from './outcome.js';
import { subjectForRules } from './personal-subject.js';
import { personalDataInMemoryFor, type PersonalData } from '../personal-data/personal-data.js';
import { SubjectErasedError } from '../personal-data/subject-keys.js';

export type { CommandContext, KeyedRequest } from './command-context.js';

type CommandHandlerDeps = {
  readonly store: EventStreams;
  readonly clock: Clock;
  readonly newId?: () => string;
  /** Re-read and re-decide at most this many times when another process's append wins. */
  readonly maxAttempts?: number;
  /** How many recently decided cases to keep parsed (0: read every case for every command). */
  readonly cacheSize?: number;
  /** The cases this process knows, shared with the case reads; by default the handler's own. */
  readonly cases?: KnownCases;
  /** Who may act on which area's records; by default the token's `areas` (area-policy.ts). */
  readonly areaPolicy?: AreaPolicy;
  /** Seals personal fields before they are appended, opens the subject for the rules; by default under keys in memory. */
  readonly personalData?: PersonalData;
};

export type CaseCommandHandler = (caseId: string, command: CaseStreamCommand, context: CommandContext) => Promise<HandledCommand>;

const subjectErased: HandledCommand = { kind: 'refused', code: 'subject-erased', message: "the subject's personal data was erased: a note cannot be sealed under its key", replayed: false };

const notPermitted = (reason: 'referral-area' | 'areas-changed'): HandledCommand => ({ kind: 'area-not-permitted', reason, replayed: false });

/** The case a command is decided on, and whether it came from the cache (and may be stale). */
type CaseToDecide = { readonly loaded: LoadedCase; readonly cached: boolean };

/** An append another process won: nothing was written. */
type LostRace = { readonly kind: 'lost-race'; readonly actual: number };

/**
 * The command handler: the area policy, then load the case once, rule on it (command-ruling.ts),
 * append with the version decided on. Commands to one case queue behind each other in this
 * process; an append another process won makes this one re-read and re-decide (bounded), unless
 * the caller named a version (If-Match), which then fails instead.
 */
export function caseCommandHandler(deps: CommandHandlerDeps): CaseCommandHandler {
  const newId = deps.newId ?? uuidv7;
  const maxAttempts = deps.maxAttempts ?? 8;
  const cases = deps.cases ?? new KnownCases(deps.store, { cacheSize: deps.cacheSize ?? 5000 });
  const queue = new CaseQueue();
  const policy = deps.areaPolicy ?? tokenAreas;
  const personal = deps.personalData ?? personalDataInMemoryFor(deps.store);

  /**
   * The cached fold, unless a stale one was just met (`fresh`). A referral is of a case that does
   * not exist yet: assume so, and let the append's no_stream expectation prove it (a conflict
   * reads the case and refuses properly).
   */
  async function caseToDecide(caseId: string, command: CaseStreamCommand, fresh: boolean): Promise<CaseToDecide> {
    const cached = fresh ? undefined : (cases.cached(caseId) ?? (command.type === 'ReferOffender' ? NO_CASE : undefined));
    return cached !== undefined ? { loaded: cached, cached: true } : { loaded: await cases.load(caseId), cached: false };
  }

  /** An answer that writes nothing cannot be checked by an expected version: it holds if the case was read fresh, or the stream is still at the cached version. */
  async function answerHolds(caseId: string, ruling: Extract<Ruling, { kind: 'answer' }>, toDecide: CaseToDecide): Promise<boolean> {
    return ruling.certain || !toDecide.cached || (await deps.store.streamVersion(streams.case(caseId))) === toDecide.loaded.version;
  }

  /** Appends the decided events at the version they were decided on, and keeps the case as it now is. */
  async function append(caseId: string, loaded: LoadedCase, events: readonly (CaseEvent | EventsRetracted)[], stamp: Stamp): Promise<HandledCommand | LostRace> {
    const appended = events.map((event) => ({ eventId: newId(), event }));
    try {
      const result = await deps.store.appendToStream(streams.case(caseId), appended.map(({ eventId, event }) => storedForm(eventId, event, stamp)), {
        expectedVersion: loaded.version === -1 ? 'no_stream' : loaded.version,
      });
      const after = afterAppend(loaded, appended, stamp);
      if (result.nextExpectedVersion === after.version) cases.remember(caseId, after);
      else cases.forget(caseId);
      return {
        kind: 'accepted',
        caseId,
        version: result.nextExpectedVersion,
        events: appended.map(({ eventId, event }) => ({ eventId, type: event.type, ...('occurredOn' in event && { occurredOn: event.occurredOn }), recordedAt: stamp.recordedAt })),
        replayed: false,
      };
    } catch (error) {
      cases.forget(caseId);
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      return { kind: 'lost-race', actual: error.actual };
    }
  }

  /** The events as stored: personal fields sealed; `erased` when a retraction's note would go under a destroyed key. */
  async function sealedForLog(caseId: string, events: readonly (CaseEvent | EventsRetracted)[]) {
    try {
      return await personal.sealCaseEvents(caseId, events);
    } catch (error) {
      if (error instanceof SubjectErasedError) return 'erased' as const;
      throw error;
    }
  }

  /** Decide on the case (cached, or read when stale) and append; re-read and re-decide when another append wins. */
  async function execute(caseId: string, command: CaseStreamCommand, context: CommandContext, keyed?: KeyedRequest): Promise<HandledCommand> {
    const causationId = newId();
    let fresh = false;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      const toDecide = await caseToDecide(caseId, command, fresh);
      const { loaded } = toDecide;
      const now = deps.clock.now();
      const covers = (area: string) => policy(context.areas, area);
      const subject = await subjectForRules(personal, caseId, command, loaded, covers);
      const ruling = rule({ caseId, command, covers, expectedVersion: context.expectedVersion, keyId: keyed?.keyId, today: londonDate(now) }, loaded, subject);
      if (ruling.kind === 'answer') {
        if (await answerHolds(caseId, ruling, toDecide)) return ruling.answer;
        fresh = true;
        continue;
      }
      const sealed = await sealedForLog(caseId, ruling.events);
      if (sealed === 'erased') return subjectErased;
      const writtenFor = { ...context, correlationId: context.correlationId ?? causationId, idempotency: keyed };
      const outcome = await append(caseId, loaded, sealed, stampFor(writtenFor, recordedAt(now, loaded), causationId));
      if (outcome.kind !== 'lost-race') return outcome;
      // A referral that lost its race meets an existing case: read it and answer case-already-exists,
      // never a version, whatever If-Match said.
      if (context.expectedVersion !== undefined && command.type !== 'ReferOffender') {
        return { kind: 'version-mismatch', expected: context.expectedVersion, actual: outcome.actual, replayed: false };
      }
      fresh = true;
    }
    return { kind: 'conflict', attempts: maxAttempts, replayed: false };
  }

  const queued = (caseId: string, command: CaseStreamCommand, context: CommandContext, keyed?: KeyedRequest) =>
    queue.run(caseId, () => execute(caseId, command, context, keyed));

  return async (caseId, command, context) => {
    if (command.type === 'ReferOffender' && !policy(context.areas, command.area)) return notPermitted('referral-area');
    if (context.idempotencyKey === undefined) return (await refusedUnread(cases, caseId, command, (area) => policy(context.areas, area))) ?? queued(caseId, command, context);
    return withIdempotencyKey(deps, caseId, command, context, context.idempotencyKey, async (keyed, claimedBefore) =>
      // A retry of a key this subject claimed may replay events of a case no longer in its areas.
      (claimedBefore ? undefined : await refusedUnread(cases, caseId, command, (area) => policy(context.areas, area))) ?? queued(caseId, command, context, keyed),
    );
  };
}

/**
 * `case-not-found` for a case that is absent or outside the caller's areas, decided from the
 * area index and the stream's version alone, before the stream is read or the command queued:
 * both answers then cost the same (one version lookup), so neither says which it is. Undefined
 * when the stream must be read to decide (the case may be visible, or the index is behind).
 */
async function refusedUnread(cases: KnownCases, caseId: string, command: CaseStreamCommand, covers: Covers): Promise<HandledCommand | undefined> {
  if (command.type === 'ReferOffender') return undefined;
  const known = cases.areaOf(caseId);
  if (known !== undefined && covers(known.area)) return undefined;
  const version = await cases.store.streamVersion(streams.case(caseId));
  return version === -1 || known?.version === version ? caseNotFoundOutcome : undefined;
}

/** Never earlier than what the stream already holds, so "as known at" stays monotonic if the clock steps back. */
function recordedAt(now: Date, loaded: LoadedCase): string {
  const stamp = now.toISOString();
  return loaded.lastRecordedAt !== null && loaded.lastRecordedAt > stamp ? loaded.lastRecordedAt : stamp;
}

/** A case stream holds case events and the retractions of some of them: each in its own family's stored form. */
function storedForm(eventId: string, event: CaseEvent | EventsRetracted, stamp: Stamp) {
  return event.type === 'EventsRetracted' ? toAppend(correctionEvents, eventId, event, stamp) : toAppend(caseEvents, eventId, event, stamp);
}
