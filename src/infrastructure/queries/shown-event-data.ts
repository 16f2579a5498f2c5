import type { StoredSubject } from '../../domain/case/subject.js';
import { isSealedValue, type SealedValue } from '../../domain/shared/sealed.js';
import type { PersonalData } from '../personal-data/personal-data.js';

/**
 * An event's data as a history shows it (GET /cases/{id}/events, `mappa replay`): as stored, but
 * with the referral's subject and a retraction's note opened, or `{ erased: true }` once the
 * subject's key was destroyed. Other events hold nothing personal and are shown untouched.
 */
export async function shownEventData(personal: PersonalData, caseId: string, type: string, data: Readonly<Record<string, unknown>>): Promise<Readonly<Record<string, unknown>>> {
  if (type === 'OffenderReferred' && isSealedValue(data['subject'])) {
    return { ...data, subject: await personal.showSubject(caseId, data['subject'] as StoredSubject) };
  }
  if (type === 'EventsRetracted' && isSealedValue(data['note'])) {
    return { ...data, note: await personal.showNote(caseId, data['note'] as SealedValue) };
  }
  return data;
}
