import { eventCatalog, type Upcaster } from '../shared/event-versioning.js';
import { caseEvent, type CaseEvent, type CaseEventType } from './events.js';

/**
 * Upcasters by event type and the version they raise from. Every case event is still at its
 * first version, so there are none yet; a new shape adds a version in events.ts and a step here.
 */
export const CASE_EVENT_VERSIONS: Partial<Record<CaseEventType, number>> = {};
export const CASE_UPCASTERS: Partial<Record<CaseEventType, Record<number, Upcaster>>> = {};

/** Stored forms of case events: schema versions and upcasters. */
export const caseEvents = eventCatalog<CaseEvent>(caseEvent, CASE_EVENT_VERSIONS, CASE_UPCASTERS);
