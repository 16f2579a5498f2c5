/**
 * Stable rule codes of docs/DOMAIN.md section 4. The last four are this engine's own, for cases the
 * catalogue leaves open (README, "Choices where docs/DOMAIN.md is silent").
 */
export const RULE_CODES = [
  'case-already-exists',
  'case-not-found',
  'occurred-in-future',
  'before-referral',
  'category-3-requires-level-2-or-3',
  'basis-already-exists',
  'basis-not-active',
  'meeting-already-recorded',
  'already-in-custody',
  'not-in-custody',
  'not-on-licence',
  'not-subject-to-notification',
  'order-already-exists',
  'order-type-not-available',
  'no-pending-application',
  'order-not-in-force',
  'charge-already-exists',
  'charge-not-open',
  'same-area',
  'case-closed',
  'subject-deceased',
  'case-not-closed',
  'no-active-basis',
  'order-type-mismatch',
  'basis-before-birth',
  'category-not-available',
  'event-not-found',
  'event-already-retracted',
  'cannot-retract-a-retraction',
  'referral-has-later-events',
  'subject-erased',
  'subject-already-erased',
  'next-review-not-after-review',
] as const;

export type RuleCode = (typeof RULE_CODES)[number];

/** A later fact that a backdated command would contradict. */
export type LaterFact = { readonly type: string; readonly occurredOn: string; readonly position: number };

export type DomainError = {
  readonly code: RuleCode;
  readonly message: string;
  readonly laterFact?: LaterFact;
  /**
   * The command field at fault, when the refusal is of a value the wire format would refuse
   * had it known the case (a basis starting before the subject's birth): answered as invalid
   * input naming the field, like a schema check, rather than as a broken rule.
   */
  readonly field?: string;
};

export const domainError = (code: RuleCode, message: string): DomainError => ({ code, message });

export const fieldError = (code: RuleCode, field: string, message: string): DomainError => ({ code, message, field });
