import type { Role } from '../auth/actor.js';
import { SEES_RESTRICTED_CASES } from '../auth/policy.js';
import type { EventStreams } from '../eventstore/eventstore.js';
import { readSubjectStream } from '../personal-data/subject-stream.js';
import { streams } from '../eventstore/stream-names.js';

/**
 * Whether a case the caller may otherwise see is hidden from it by a restriction (DPA 2018
 * s.47(2), docs/DOMAIN.md section 13): restricted by its latest retention review, and the caller
 * is neither an auditor nor data-protection staff. The case's data-protection stream is read for
 * it (subject-stream.ts says why that is cheap and never behind); roles that see restricted cases
 * read nothing.
 */
export async function hiddenByRestriction(store: Pick<EventStreams, 'readStream' | 'streamVersion'>, caseId: string, role: Role): Promise<boolean> {
  if (SEES_RESTRICTED_CASES.has(role)) return false;
  // Most cases never had a data-protection decision: a look-up of the version says so at half the cost of a read.
  if ((await store.streamVersion(streams.subject(caseId))) === -1) return false;
  return (await readSubjectStream(store, caseId)).standing.restricted;
}
