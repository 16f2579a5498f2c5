import type { Prefix } from '../../domain/case/check-timeline.js';
import { standingTimeline, type RecordedEvent } from '../../domain/case/retraction.js';
import type { Case } from '../../domain/case/state.js';
import { caseOn, knownAt as knownBy, type Timeline } from '../../domain/case/timeline.js';
import type { BusinessDate } from '../../domain/shared/business-date.js';
import type { EventStreams } from '../eventstore/eventstore.js';
import { readCaseStream, type CaseStream } from './stored-case.js';

type CaseQuery = {
  /** End of this business day; absent: today. */
  readonly asOf?: BusinessDate | undefined;
  /** Only events recorded by this ISO instant. */
  readonly knownAt?: string | undefined;
};

type CaseAt = {
  /** The case as asked; null when it did not exist then (before its referral, or not yet recorded). */
  readonly state: Case | null;
  readonly on: BusinessDate;
  readonly knownAt: string | null;
  /** Version of what the view was folded from: the last position known at `knownAt`. */
  readonly version: number;
};

/** What a case is folded from: the timeline that stands now, every recorded event, the stream's version. */
type FoldableCase = { readonly timeline: Timeline; readonly records: readonly RecordedEvent[]; readonly version: number };

/**
 * A case's timeline folded on a business date and/or as known at an instant. `latest`, the fold
 * of the whole timeline when the caller keeps it, answers "today, everything known" without a fold.
 */
export function caseAt(source: FoldableCase, query: CaseQuery, today: BusinessDate, latest?: Prefix): CaseAt {
  const { timeline, records } = source;
  const instant = query.knownAt === undefined ? null : new Date(query.knownAt).toISOString();
  // Retractions recorded after the instant did not stand then: what they retract did (docs/DOMAIN.md section 10).
  const known = instant === null ? timeline : records.some((r) => r.event.type === 'EventsRetracted') ? standingTimeline(records, instant) : knownBy(timeline, instant);
  const on = query.asOf ?? today;
  let version = instant === null ? source.version : -1;
  if (instant !== null) for (const r of records) if ((r.recordedAt === undefined || r.recordedAt <= instant) && r.position > version) version = r.position;
  const lastDay = known[known.length - 1]?.event.occurredOn;
  const whole = instant === null && latest !== undefined && latest.length === timeline.length && (lastDay === undefined || lastDay <= on);
  return { state: whole ? latest.state : caseOn(known, on), on, knownAt: instant, version };
}

/** For an operator (`mappa replay`): the stream as stored, and the case as asked; null when there is no such case. */
export async function loadCaseAt(store: EventStreams, caseId: string, query: CaseQuery, today: BusinessDate): Promise<(CaseAt & { readonly loaded: CaseStream }) | null> {
  const loaded = await readCaseStream(store, caseId);
  if (loaded.version === -1) return null;
  return { loaded, ...caseAt(loaded, query, today) };
}
