import { eventCatalog, widened, type Upcaster, type WrittenAs } from '../shared/event-versioning.js';
import { isSealedValue } from '../shared/sealed.js';
import { caseEvent, type CaseEvent, type CaseEventType } from './events.js';

/**
 * Upcasters by event type and the version they raise from; a new shape adds a version in
 * events.ts and a step here.
 *
 * Version 2 of the three events that carry a basis admits the terrorism basis (category 4,
 * docs/DOMAIN.md section 12); every version-1 form is a version-2 form, so the step only widens.
 * Such an event is still written as version 1 unless its basis is a terrorism basis: a log
 * without category 4 is what it was, and the engine of version 1 refuses a version-2 event by
 * its version instead of misreading it.
 *
 * Version 3 (docs/DOMAIN.md section 13) admits a sealed subject on the referral and
 * `under18AtRelevantDate` on a registered-sexual-offender basis; both are what this engine
 * writes from now on. Every version-2 form is a version-3 form (the clear subject is still
 * admitted, the flag is optional), so the step only widens; the fold derives the flag of an
 * older event from its referral's clear date of birth.
 */
export const CASE_EVENT_VERSIONS: Partial<Record<CaseEventType, number>> = {
  OffenderReferred: 3,
  EligibilityBasisAdded: 3,
  CaseReopened: 3,
};

export const CASE_UPCASTERS: Partial<Record<CaseEventType, Record<number, Upcaster>>> = {
  OffenderReferred: { 1: widened, 2: widened },
  EligibilityBasisAdded: { 1: widened, 2: widened },
  CaseReopened: { 1: widened, 2: widened },
};

const byBasis: WrittenAs<CaseEvent> = (event) => {
  if (!('basis' in event) || event.basis === undefined) return 1;
  if (event.basis.kind === 'registered-sexual-offender' && event.basis.under18AtRelevantDate !== undefined) return 3;
  return event.basis.kind === 'terrorism' ? 2 : 1;
};

const bySubjectAndBasis: WrittenAs<CaseEvent> = (event) => (event.type === 'OffenderReferred' && isSealedValue(event.subject) ? 3 : byBasis(event));

export const CASE_WRITTEN_AS: Partial<Record<CaseEventType, WrittenAs<CaseEvent>>> = {
  OffenderReferred: bySubjectAndBasis,
  EligibilityBasisAdded: byBasis,
  CaseReopened: byBasis,
};

/** Stored forms of case events: schema versions and upcasters. */
export const caseEvents = eventCatalog<CaseEvent>(caseEvent, CASE_EVENT_VERSIONS, CASE_UPCASTERS, CASE_WRITTEN_AS);
