import type { BusinessDate } from '../shared/business-date.js';
import { firstReviewDue } from '../rules/retention.js';
import type { SubjectStanding } from './decide.js';

/** Why a case is due for a retention review: its first (from closure) or the next a review set. */
export type ReviewDue = { readonly dueOn: BusinessDate; readonly review: 'first' | 'next' };

/**
 * When a case is due for its retention review, if it is by `on` (docs/DOMAIN.md section 13):
 * - a review that set a next review date is due on that date (retain; restrict may set one too);
 * - otherwise a closed case is due at closure plus the retention period (rules/retention.ts),
 *   unless a review was recorded on or after its closure;
 * - an erased subject is never due: nothing personal is left to review; an open case without a
 *   next review date is not due (its retention runs from closure).
 */
export function reviewDueBy(closedOn: BusinessDate | null, standing: SubjectStanding | null, on: BusinessDate): ReviewDue | null {
  if (standing?.erased) return null;
  if (standing?.nextReviewDue != null) return standing.nextReviewDue <= on ? { dueOn: standing.nextReviewDue, review: 'next' } : null;
  if (closedOn === null) return null;
  const lastReview = standing?.lastReview ?? null;
  if (lastReview !== null && lastReview.on >= closedOn) return null;
  const first = firstReviewDue(closedOn);
  return first <= on ? { dueOn: first, review: 'first' } : null;
}
