import type { Category } from '../../domain/case/basis.js';
import { isReviewOverdueOn } from '../../domain/case/state.js';
import type { BusinessDate } from '../../domain/shared/business-date.js';
import { categoryOn, type CaseloadEntry } from './caseload-entry.js';

export type CaseloadFilter = {
  readonly category?: Category;
  readonly level?: 1 | 2 | 3;
  readonly leadAgency?: string;
  readonly reviewOverdue?: boolean;
  readonly eligibilityLapsed?: boolean;
};

type CaseloadItem = {
  readonly caseId: string;
  readonly area: string;
  readonly localUnit: string | null;
  readonly leadAgency: string;
  readonly level: 1 | 2 | 3;
  readonly category: Category | null;
  readonly inCustody: boolean;
  readonly lastMeetingOn: BusinessDate | null;
  readonly nextReviewDue: BusinessDate | null;
  /** A review meeting was due before today (state.ts: isReviewOverdueOn). */
  readonly reviewOverdue: boolean;
  /** No basis is active today: the case should be closed. */
  readonly eligibilityLapsed: boolean;
};

export type CaseloadCounts = {
  readonly total: number;
  readonly byCategory: Readonly<Record<'1' | '2' | '3' | '4' | 'none', number>>;
  readonly byLevel: Readonly<Record<'1' | '2' | '3', number>>;
  readonly reviewOverdue: number;
  readonly eligibilityLapsed: number;
};

/** Current (open) cases as they stand today, with the flags a coordinator acts on. */
export function caseloadItem(entry: CaseloadEntry, today: BusinessDate): CaseloadItem {
  const category = categoryOn(entry, today);
  return {
    caseId: entry.caseId,
    area: entry.area,
    localUnit: entry.localUnit,
    leadAgency: entry.leadAgency,
    level: entry.level,
    category,
    inCustody: entry.inCustody,
    lastMeetingOn: entry.lastMeetingOn,
    nextReviewDue: entry.nextReviewDue,
    reviewOverdue: isReviewOverdueOn(entry, today),
    eligibilityLapsed: category === null,
  };
}

export function matches(item: CaseloadItem, filter: CaseloadFilter): boolean {
  return (
    (filter.category === undefined || item.category === filter.category) &&
    (filter.level === undefined || item.level === filter.level) &&
    (filter.leadAgency === undefined || item.leadAgency === filter.leadAgency) &&
    (filter.reviewOverdue === undefined || item.reviewOverdue === filter.reviewOverdue) &&
    (filter.eligibilityLapsed === undefined || item.eligibilityLapsed === filter.eligibilityLapsed)
  );
}

export function countCaseload(items: Iterable<CaseloadItem>): CaseloadCounts {
  const byCategory = { '1': 0, '2': 0, '3': 0, '4': 0, none: 0 };
  const byLevel = { '1': 0, '2': 0, '3': 0 };
  let total = 0;
  let reviewOverdue = 0;
  let eligibilityLapsed = 0;
  for (const item of items) {
    total++;
    byCategory[item.category === null ? 'none' : (String(item.category) as '1' | '2' | '3' | '4')]++;
    byLevel[String(item.level) as '1' | '2' | '3']++;
    if (item.reviewOverdue) reviewOverdue++;
    if (item.eligibilityLapsed) eligibilityLapsed++;
  }
  return { total, byCategory, byLevel, reviewOverdue, eligibilityLapsed };
}
