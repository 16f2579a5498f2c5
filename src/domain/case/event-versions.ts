import { eventCatalog, widened, type Upcaster, type WrittenAs } from '../shared/event-versioning.js';
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
 */
export const CASE_EVENT_VERSIONS: Partial<Record<CaseEventType, number>> = {
  OffenderReferred: 2,
  EligibilityBasisAdded: 2,
  CaseReopened: 2,
};

export const CASE_UPCASTERS: Partial<Record<CaseEventType, Record<number, Upcaster>>> = {
  OffenderReferred: { 1: widened },
  EligibilityBasisAdded: { 1: widened },
  CaseReopened: { 1: widened },
};

const byBasis: WrittenAs<CaseEvent> = (event) =>
  'basis' in event && event.basis !== undefined && event.basis.kind === 'terrorism' ? 2 : 1;

export const CASE_WRITTEN_AS: Partial<Record<CaseEventType, WrittenAs<CaseEvent>>> = {
  OffenderReferred: byBasis,
  EligibilityBasisAdded: byBasis,
  CaseReopened: byBasis,
};

/** Stored forms of case events: schema versions and upcasters. */
export const caseEvents = eventCatalog<CaseEvent>(caseEvent, CASE_EVENT_VERSIONS, CASE_UPCASTERS, CASE_WRITTEN_AS);
