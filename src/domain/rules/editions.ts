import type { BusinessDate } from '../shared/business-date.js';

/**
 * A rule as statutory guidance set it from a date (docs/DOMAIN.md section 12). Rules that change
 * with guidance are kept as editions keyed by the day they take effect, so a past date is always
 * judged by the edition in force on it: a later edition never changes an earlier year's figures.
 */
export type Edition<T> = {
  /** First day in force; null: in force from the start of the record. */
  readonly effectiveFrom: BusinessDate | null;
  /** What set it, in words. */
  readonly source: string;
  /** The date or the content could not be checked against the statutory text: see the docs. */
  readonly provisional: boolean;
  readonly rules: T;
};

/**
 * The edition in force on a date. Editions are listed oldest first, the first from the start of
 * the record, so every date has one; a linear scan: there are a handful.
 */
export function inForceOn<T>(editions: readonly Edition<T>[], date: BusinessDate): Edition<T> {
  let found = editions[0]!;
  for (const edition of editions) {
    if (edition.effectiveFrom === null || edition.effectiveFrom <= date) found = edition;
    else break;
  }
  return found;
}
