import { domainError, type DomainError } from '../shared/domain-error.js';
import type { BusinessDate } from '../shared/business-date.js';
import { fail, ok, type Result } from '../shared/result.js';
import { checkWholeTimeline } from './check-timeline.js';
import type { CorrectEvents, EventsRetracted, RetractEvents } from './corrections.js';
import { decide } from './decide.js';
import type { CaseEvent } from './events.js';
import type { OpenedSubject } from './subject.js';
import { timelineOf, type Timeline } from './timeline.js';

/**
 * One event of a case's stream as recorded: its id, the command that recorded it (events of one
 * command share a causation id) and when. A retraction is an event of the stream too, with no
 * business date, so it never enters a timeline itself.
 */
export type RecordedEvent = {
  readonly eventId: string;
  readonly position: number;
  readonly causationId?: string;
  readonly recordedAt?: string;
  readonly event: CaseEvent | EventsRetracted;
};

export type Retraction = { readonly by: string; readonly at: string | undefined };

const isRetraction = (r: RecordedEvent): r is RecordedEvent & { event: EventsRetracted } => r.event.type === 'EventsRetracted';
const knownBy = (r: RecordedEvent, instant: string | undefined) => instant === undefined || r.recordedAt === undefined || r.recordedAt <= instant;

/** How a history shows a retracted event: which retraction took it out, and when (nothing for an event that stands). */
export const retractionMarks = (r: Retraction | undefined) => (r === undefined ? {} : { retractedBy: r.by, ...(r.at !== undefined && { retractedAt: r.at }) });

/** Which events the retractions recorded by `instant` (all of them without one) take out, and by which retraction. */
export function retractionsOf(records: readonly RecordedEvent[], instant?: string): ReadonlyMap<string, Retraction> {
  const retracted = new Map<string, Retraction>();
  for (const r of records) {
    if (!isRetraction(r) || !knownBy(r, instant)) continue;
    for (const id of r.event.eventIds) if (!retracted.has(id)) retracted.set(id, { by: r.eventId, at: r.recordedAt });
  }
  return retracted;
}

/**
 * The case's timeline as known at `instant` (now, without one): the events recorded by then,
 * less those retracted by a retraction recorded by then (docs/DOMAIN.md section 10).
 */
export function standingTimeline(records: readonly RecordedEvent[], instant?: string): Timeline {
  const retracted = retractionsOf(records, instant);
  const entries = [];
  for (const r of records) {
    if (isRetraction(r) || !knownBy(r, instant) || retracted.has(r.eventId)) continue;
    entries.push({ position: r.position, event: r.event as CaseEvent, ...(r.recordedAt !== undefined && { recordedAt: r.recordedAt }) });
  }
  return timelineOf(entries);
}

/**
 * Decides a retraction: each named event must be a standing fact of this case; the rest of the
 * command that recorded it goes with it; what remains must still be a valid timeline (the broken
 * rule's code and `laterFact` otherwise), and the referral goes only with the whole case.
 */
export function decideRetraction(command: Pick<RetractEvents, 'eventIds' | 'reason' | 'note'>, records: readonly RecordedEvent[]): Result<EventsRetracted, DomainError> {
  const byId = new Map(records.map((r) => [r.eventId, r]));
  const retracted = retractionsOf(records);
  const causes = new Set<string>();
  const named = new Set<string>();
  for (const id of command.eventIds) {
    const target = byId.get(id);
    if (target === undefined) return fail(domainError('event-not-found', `event ${id} is not an event of this case`));
    if (isRetraction(target)) return fail(domainError('cannot-retract-a-retraction', `event ${id} is a retraction; record the fact again instead`));
    const by = retracted.get(id);
    if (by !== undefined) return fail(domainError('event-already-retracted', `event ${id} was retracted by ${by.by}`));
    named.add(id);
    if (target.causationId !== undefined) causes.add(target.causationId);
  }
  const taken = records.filter(
    (r) => !isRetraction(r) && !retracted.has(r.eventId) && (named.has(r.eventId) || (r.causationId !== undefined && causes.has(r.causationId))),
  );
  const takenIds = new Set(taken.map((r) => r.eventId));
  const remaining = records.filter((r) => !isRetraction(r) && !retracted.has(r.eventId) && !takenIds.has(r.eventId));
  if (taken.some((r) => r.event.type === 'OffenderReferred') && remaining.length > 0) {
    return fail(domainError('referral-has-later-events', `the referral goes only with every other event of the case (${remaining.length} would remain)`));
  }
  const error = checkWholeTimeline(standingTimeline(remaining));
  if (error) return fail(error);
  return ok({
    type: 'EventsRetracted',
    eventIds: taken.map((r) => r.eventId),
    reason: command.reason,
    ...(command.note !== undefined && { note: command.note }),
  });
}

export type Correction = { readonly retraction: EventsRetracted; readonly replacement: readonly CaseEvent[] };

/**
 * Decides a correction: the retraction, then the replacement command decided on the timeline
 * the retraction leaves; both or neither.
 */
export function decideCorrection(command: CorrectEvents, records: readonly RecordedEvent[], today: BusinessDate, subject?: OpenedSubject): Result<Correction, DomainError> {
  const retraction = decideRetraction(command, records);
  if (!retraction.ok) return retraction;
  const gone = new Set(retraction.value.eventIds);
  const corrected = standingTimeline(records.filter((r) => !gone.has(r.eventId)));
  const replacement = decide(command.replacement, corrected, today, undefined, subject);
  return replacement.ok ? ok({ retraction: retraction.value, replacement: replacement.value }) : replacement;
}
