import type { Case } from '../../domain/case/state.js';
import { caseOn, knownAt as knownBy, latestCase } from '../../domain/case/timeline.js';
import type { AreaCode } from '../../domain/shared/areas.js';
import type { BusinessDate } from '../../domain/shared/business-date.js';
import type { EventStore } from '../eventstore/eventstore.js';
import { readCaseStream, type CaseStream } from './case-stream-read.js';

export type CaseQuery = {
  /** End of this business day; absent: today. */
  readonly asOf?: BusinessDate | undefined;
  /** Only events recorded by this ISO instant. */
  readonly knownAt?: string | undefined;
};

export type CaseAt = {
  readonly loaded: CaseStream;
  /** Where the case is managed now, whatever was asked: the area rule is applied on it. */
  readonly currentArea: AreaCode;
  /** The case as asked; null when it did not exist then (before its referral, or not yet recorded). */
  readonly state: Case | null;
  readonly on: BusinessDate;
  readonly knownAt: string | null;
  /** Version of what the view was folded from: the last position known at `knownAt`. */
  readonly version: number;
};

/** A case's stream folded on a business date and/or as known at an instant; null when there is no such case. */
export async function loadCaseAt(store: EventStore, caseId: string, query: CaseQuery, today: BusinessDate): Promise<CaseAt | null> {
  const loaded = await readCaseStream(store, caseId);
  const current = latestCase(loaded.timeline);
  if (current === null) return null;
  const instant = query.knownAt === undefined ? null : new Date(query.knownAt).toISOString();
  const timeline = instant === null ? loaded.timeline : knownBy(loaded.timeline, instant);
  const on = query.asOf ?? today;
  let version = -1;
  for (const entry of timeline) if (entry.position > version) version = entry.position;
  return { loaded, currentArea: current.area, state: caseOn(timeline, on), on, knownAt: instant, version };
}
