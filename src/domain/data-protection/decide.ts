import type { BusinessDate } from '../shared/business-date.js';
import { domainError, fieldError, type DomainError } from '../shared/domain-error.js';
import { fail, ok, type Result } from '../shared/result.js';
import type { DataProtectionCommand, DataProtectionEvent, RetentionOutcome } from './events.js';

/** One event of a subject stream with the London day it was recorded on (these events have no business date). */
export type DatedDataProtectionEvent = { readonly event: DataProtectionEvent; readonly recordedOn: BusinessDate };

/**
 * What the data-protection stream of one case says: whether the subject's data was erased,
 * whether the case is restricted (DPA 2018 s.47(2)), its last retention review and when the
 * next is due (null: none set; the first review is then due from closure, rules/retention.ts).
 */
export type SubjectStanding = {
  readonly erased: boolean;
  readonly restricted: boolean;
  readonly lastReview: { readonly outcome: RetentionOutcome; readonly on: BusinessDate } | null;
  readonly nextReviewDue: BusinessDate | null;
};

export const initialStanding: SubjectStanding = { erased: false, restricted: false, lastReview: null, nextReviewDue: null };

/**
 * The latest review decides: `restrict` restricts, and a later `retain` lifts the restriction
 * (the reviewer found processing may go on); `dispose` erases. An erasure is for good.
 */
export function evolve(state: SubjectStanding, { event, recordedOn }: DatedDataProtectionEvent): SubjectStanding {
  switch (event.type) {
    case 'SubjectDataErased':
      return { ...state, erased: true, nextReviewDue: null };
    case 'RetentionReviewRecorded':
      return {
        erased: state.erased || event.outcome === 'dispose',
        restricted: event.outcome === 'restrict',
        lastReview: { outcome: event.outcome, on: recordedOn },
        nextReviewDue: event.nextReviewDue ?? null,
      };
    default: {
      const unhandled: never = event;
      throw new Error(`unhandled data-protection event ${String((unhandled as { type: string }).type)}`);
    }
  }
}

export const standingOf = (events: Iterable<DatedDataProtectionEvent>): SubjectStanding => {
  let state = initialStanding;
  for (const e of events) state = evolve(state, e);
  return state;
};

/**
 * Erasing twice is refused (`subject-already-erased`), not a silent no-op: the second request
 * names a reason the log would not keep, and its caller should learn that the data was already
 * gone (and when, from the history). A review of an erased subject is refused the same way:
 * nothing personal is left to retain, restrict or dispose of. A retained case's next review
 * must fall after the day of the review (`today`, the London day it is recorded on).
 */
export function decide(command: DataProtectionCommand, state: SubjectStanding, today: BusinessDate): Result<readonly DataProtectionEvent[], DomainError> {
  if (state.erased) return fail(domainError('subject-already-erased', "the subject's data was already erased"));
  switch (command.type) {
    case 'EraseSubjectData':
      return ok([{ type: 'SubjectDataErased', reason: command.reason }]);
    case 'RecordRetentionReview': {
      if (command.nextReviewDue !== undefined && command.nextReviewDue <= today) {
        return fail(fieldError('next-review-not-after-review', 'nextReviewDue', `must be after the day of the review (${today})`));
      }
      return ok([{ type: 'RetentionReviewRecorded', outcome: command.outcome, reason: command.reason, ...(command.nextReviewDue !== undefined && { nextReviewDue: command.nextReviewDue }) }]);
    }
    default: {
      const unhandled: never = command;
      throw new Error(`unhandled data-protection command ${String((unhandled as { type: string }).type)}`);
    }
  }
}

/** Whether the subject's key is to be destroyed once these events are stored: an erasure, or a review that disposes. */
export const erases = (events: readonly DataProtectionEvent[]): boolean =>
  events.some((e) => e.type === 'SubjectDataErased' || (e.type === 'RetentionReviewRecorded' && e.outcome === 'dispose'));
