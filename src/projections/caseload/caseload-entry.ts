import type { Category } from '../../domain/case/basis.js';
import { reportedCategoryAmong, type BasisDates, type Case } from '../../domain/case/state.js';
import type { BusinessDate } from '../../domain/shared/business-date.js';

/**
 * A case as the caseload keeps it: its latest state, with the bases' dates so that "today"
 * (the reader's, not the projection's: projections never read the clock) decides the
 * category and whether eligibility has lapsed.
 */
export type CaseloadEntry = {
  readonly caseId: string;
  readonly version: number;
  readonly area: string;
  readonly localUnit: string | null;
  readonly leadAgency: string;
  readonly level: 1 | 2 | 3;
  readonly open: boolean;
  readonly deceased: boolean;
  readonly inCustody: boolean;
  readonly referredOn: BusinessDate;
  readonly closedOn: BusinessDate | null;
  readonly lastMeetingOn: BusinessDate | null;
  readonly nextReviewDue: BusinessDate | null;
  readonly bases: readonly BasisDates[];
};

/** The entry of a case already folded to its latest state (a rebuild folds each case once for every read model). */
export function caseloadEntryOf(caseId: string, version: number, c: Case | null): CaseloadEntry | null {
  if (c === null) return null;
  return {
    caseId,
    version,
    area: c.area,
    localUnit: c.localUnit,
    leadAgency: c.leadAgency,
    level: c.level,
    open: c.open,
    deceased: c.deceased,
    inCustody: c.inCustody,
    referredOn: c.referredOn,
    closedOn: c.closedOn,
    lastMeetingOn: c.lastMeeting?.occurredOn ?? null,
    nextReviewDue: c.lastMeeting?.nextReviewDue ?? null,
    bases: c.bases.map((b) => ({ category: b.category, start: b.start, lastDay: b.lastDay, endedOn: b.endedOn })),
  };
}

/** The category reported today, by the case's own rule (state.ts). */
export function categoryOn(entry: CaseloadEntry, today: BusinessDate): Category | null {
  return reportedCategoryAmong(entry.bases, today);
}
