import { areasChangedBy } from '../../domain/case/areas-changed.js';
import { prefixOn } from '../../domain/case/check-timeline.js';
import { isCorrection, type CaseStreamCommand, type EventsRetracted } from '../../domain/case/corrections.js';
import { decide } from '../../domain/case/decide.js';
import type { CaseEvent } from '../../domain/case/events.js';
import type { OpenedSubject } from '../../domain/case/subject.js';
import type { BusinessDate } from '../../domain/shared/business-date.js';
import type { Covers } from './area-policy.js';
import { ruleCorrection } from './correction-ruling.js';
import type { LoadedCase, WrittenEvent } from './loaded-case.js';
import type { AcceptedEvent, CommandOutcome, HandledCommand } from './outcome.js';

/** What the handler is asked, besides the command: who may touch which areas, and the conditions. */
type RulingRequest = {
  readonly caseId: string;
  readonly command: CaseStreamCommand;
  /** The area policy, for this caller (area-policy.ts). */
  readonly covers: Covers;
  readonly expectedVersion?: number | undefined;
  /** The Idempotency-Key's id, when the request carries one. */
  readonly keyId?: string | undefined;
  readonly today: BusinessDate;
};

/**
 * An answer that writes nothing, or events to append. An answer is `certain` when no newer
 * version of the case can change it (a replay, an existing case id); any other was reached on
 * a case that may be stale when it came from the cache, and is confirmed against the stream first.
 */
export type Ruling =
  | { readonly kind: 'answer'; readonly answer: HandledCommand; readonly certain: boolean }
  | { readonly kind: 'append'; readonly events: readonly (CaseEvent | EventsRetracted)[] };

export const caseNotFoundOutcome: HandledCommand = { kind: 'refused', code: 'case-not-found', message: 'no such case', replayed: false };

const answer = (handled: HandledCommand, certain = false): Ruling => ({ kind: 'answer', answer: handled, certain });

/**
 * The handler's decision on one loaded case, in the order that keeps a case outside the caller's
 * areas indistinguishable from an absent one (README, "Who may do what"):
 * 1. a replayed Idempotency-Key answers as the first request did, whatever the case's area now;
 * 2. a referral to a case id in use is `case-already-exists`, whatever its area and If-Match;
 *    any other command needs the case to exist in one of the caller's areas, else `case-not-found`;
 * 3. If-Match, only then, so a version is never told about a case the caller cannot see;
 * 4. the caller must cover every area whose records the command changes (areas-changed.ts);
 * 5. the rules (decide), on the case as it stood on the command's date, folded once; a
 *    retraction or correction is decided on the case's recorded events (correction-ruling.ts).
 * `subject`: the subject's data, opened for a command whose rules need it (personal-subject.ts).
 */
export function rule(request: RulingRequest, loaded: LoadedCase, subject?: OpenedSubject): Ruling {
  const { command, covers } = request;
  if (request.keyId !== undefined) {
    const earlier = loaded.written.filter((e) => e.idempotencyKeyId === request.keyId);
    if (earlier.length > 0) return answer({ ...acceptedFrom(request.caseId, earlier), replayed: true }, true);
  }
  if (command.type === 'ReferOffender') {
    if (loaded.version >= 0) return answer({ kind: 'refused', code: 'case-already-exists', message: 'the case already exists', replayed: false }, true);
  } else {
    const current = loaded.latest.state;
    if (current === null || !covers(current.area)) return answer(caseNotFoundOutcome);
  }
  if (request.expectedVersion !== undefined && request.expectedVersion !== loaded.version) {
    return answer({ kind: 'version-mismatch', expected: request.expectedVersion, actual: loaded.version, replayed: false });
  }
  if (isCorrection(command)) {
    const ruled = ruleCorrection(command, loaded, covers, request.today, subject);
    return ruled.ok ? { kind: 'append', events: ruled.events } : answer(ruled.answer);
  }
  let known = loaded.latest;
  if (command.type !== 'ReferOffender') {
    known = prefixOn(loaded.timeline, command.occurredOn, loaded.latest);
    // Before the referral there is no case on that date: decide refuses it (before-referral).
    if (known.state !== null && !areasChangedBy(command, loaded.timeline, known.state).every(covers)) {
      return answer({ kind: 'area-not-permitted', reason: 'areas-changed', replayed: false });
    }
  }
  const decision = decide(command, loaded.timeline, request.today, known, subject);
  if (!decision.ok) return answer({ kind: 'refused', ...decision.error, replayed: false });
  if (decision.value.length === 0) return answer({ kind: 'accepted', caseId: request.caseId, version: loaded.version, events: [], replayed: false });
  return { kind: 'append', events: decision.value };
}

/** The first response to a keyed command, rebuilt from the events it wrote. */
function acceptedFrom(caseId: string, written: readonly WrittenEvent[]): Extract<CommandOutcome, { kind: 'accepted' }> {
  const events: AcceptedEvent[] = written.map(({ eventId, type, occurredOn, recordedAt }) => ({ eventId, type, ...(occurredOn !== undefined && { occurredOn }), recordedAt }));
  return { kind: 'accepted', caseId, version: written[written.length - 1]!.streamPosition, events };
}
