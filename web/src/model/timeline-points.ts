/** An event of a case's history as `GET /cases/{id}/events` gives it (docs/DOMAIN.md sections 6 and 10). */
export type HistoryEvent = {
  readonly eventId: string;
  readonly position: number;
  readonly type: string;
  readonly schemaVersion: number;
  /** The business date; a retraction has none (docs/DOMAIN.md section 10). */
  readonly occurredOn?: string | null;
  readonly recordedAt: string;
  readonly actor: { readonly id: string; readonly role: string; readonly agency: string };
  readonly correlationId?: string | null;
  readonly causationId?: string | null;
  readonly data: Readonly<Record<string, unknown>>;
  /** Set once corrections exist (docs/DOMAIN.md section 10): the retraction that took this event back, and when. */
  readonly retractedBy?: string | null;
  readonly retractedAt?: string | null;
};

/**
 * How an event stands on the two time axes; the first that applies names its mark on the chart.
 * `undated`: an event about the log rather than a day (a retraction has no `occurredOn`, docs/DOMAIN.md
 * section 10): it has a recorded instant only.
 */
export type PointKind = 'undated' | 'retracted' | 'backdated' | 'late' | 'on-time';

export type TimelinePoint = {
  readonly event: HistoryEvent;
  /** 1-based place in the timeline (business date, ties by stream position; undated events last, in stream order). */
  readonly order: number;
  /** The business date (Europe/London) of `recordedAt`. */
  readonly recordedOn: string;
  /** Days from the business date to the day it was recorded; null for an undated event. */
  readonly lagDays: number | null;
  /** Recorded more than `lateAfterDays` after its business date. */
  readonly late: boolean;
  /** Dated before a fact already on record when it was recorded: it changed the case's past. */
  readonly backdated: boolean;
  readonly retracted: boolean;
  readonly kind: PointKind;
};

/** A record made more than a week after the day it is about counts as late. */
export const LATE_AFTER_DAYS = 7;

const LONDON = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

export const londonDateOf = (instant: string) => LONDON.format(new Date(instant));

const dayNumber = (date: string) => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000;

export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** Whether an event is about a business day (every event but those about the log itself, such as a retraction). */
export const isDated = (event: HistoryEvent): event is HistoryEvent & { readonly occurredOn: string } => /^\d{4}-\d{2}-\d{2}$/.test(event.occurredOn ?? '');

/** The case's events as points on the two axes, in timeline order. */
export function timelinePoints(events: readonly HistoryEvent[], lateAfterDays = LATE_AFTER_DAYS): TimelinePoint[] {
  const byPosition = [...events].sort((a, b) => a.position - b.position);
  const backdated = new Set<string>();
  let latestDated = '';
  for (const e of byPosition.filter(isDated)) {
    if (e.occurredOn < latestDated) backdated.add(e.eventId);
    if (e.occurredOn > latestDated) latestDated = e.occurredOn;
  }
  const dated = events.filter(isDated).sort((a, b) => (a.occurredOn < b.occurredOn ? -1 : a.occurredOn > b.occurredOn ? 1 : a.position - b.position));
  const inTimeline = [...dated, ...byPosition.filter((e) => !isDated(e))];
  return inTimeline.map((event, index) => {
    const recordedOn = londonDateOf(event.recordedAt);
    const lagDays = isDated(event) ? daysBetween(event.occurredOn, recordedOn) : null;
    const late = lagDays !== null && lagDays > lateAfterDays;
    const retracted = event.retractedBy != null;
    const isBackdated = backdated.has(event.eventId);
    const kind: PointKind = lagDays === null ? 'undated' : retracted ? 'retracted' : isBackdated ? 'backdated' : late ? 'late' : 'on-time';
    return { event, order: index + 1, recordedOn, lagDays, late, backdated: isBackdated, retracted, kind };
  });
}

/**
 * Whether an event is part of the case's state on `asOf` as known at `knownAt` (null: now):
 * dated by then, recorded by then, and not retracted by a retraction recorded by then.
 */
export function inStateOf(point: TimelinePoint, asOf: string, knownAt: string | null): boolean {
  const { occurredOn, recordedAt, retractedAt } = point.event;
  // An undated event (a retraction) changes which facts count, not the state on a day: its effect shows on the events it retracted.
  if (point.kind === 'undated' || occurredOn == null || occurredOn > asOf) return false;
  if (knownAt !== null && Date.parse(recordedAt) > Date.parse(knownAt)) return false;
  if (retractedAt != null && (knownAt === null || Date.parse(retractedAt) <= Date.parse(knownAt))) return false;
  return true;
}
