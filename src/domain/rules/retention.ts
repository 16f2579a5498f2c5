import { addYears, type BusinessDate } from '../shared/business-date.js';
import { inForceOn, type Edition } from './editions.js';

/** How long a closed case is kept before its first retention review (docs/DOMAIN.md section 13). */
export type RetentionRules = {
  /** Whole years from the day the case was closed to its first review. */
  readonly firstReviewYearsAfterClosure: number;
};

/**
 * Keyed by the day the case was closed. Ten years is the engine's default, provisional: the
 * period the police's Management of Police Information guidance sets for each group of records
 * was not checked against its text, and a force may set its own.
 */
export const RETENTION_EDITIONS: readonly Edition<RetentionRules>[] = [
  {
    effectiveFrom: null,
    source: 'APP Management of Police Information, review of retained records: first review ten years after closure (engine default)',
    provisional: true,
    rules: { firstReviewYearsAfterClosure: 10 },
  },
];

/** The first retention review of a case closed on `closedOn`. */
export function firstReviewDue(closedOn: BusinessDate): BusinessDate {
  return addYears(closedOn, inForceOn(RETENTION_EDITIONS, closedOn).rules.firstReviewYearsAfterClosure);
}
