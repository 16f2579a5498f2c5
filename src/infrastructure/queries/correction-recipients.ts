import type { CaseDataRead } from '../access-log/records.js';
import type { StoredEvent } from '../eventstore/eventstore.js';
import type { AccessLogPages } from '../read-models/access-log-query.js';
import type { Unavailable } from '../read-models/projection-service.js';
import { metadataOf } from '../event-metadata.js';

/** A read of the case between a wrong fact's recording and its retraction: its reader received the wrong data. */
export type Recipient = Pick<CaseDataRead, 'at' | 'actor' | 'channel' | 'resource' | 'purpose' | 'requestId'>;

export type RetractionRecipients = {
  readonly retractionId: string;
  readonly retractedAt: string;
  readonly reason: string;
  readonly eventIds: readonly string[];
  /** The window: from the earliest retracted event's recording to the retraction's, both included. */
  readonly from: string;
  readonly to: string;
  readonly recipients: readonly Recipient[];
};

export type RecipientsAnswer = { readonly ok: true; readonly retractions: readonly RetractionRecipients[] } | { readonly ok: false; readonly unavailable: Unavailable };

const PAGE = 1000;

/**
 * Who must be told of each correction (DPA 2018 s.38(5)(c)): for every retraction in a case's
 * stream, the access records of reads of the case made while the retracted facts stood.
 */
export async function correctionRecipients(caseId: string, stream: readonly StoredEvent[], pages: AccessLogPages): Promise<RecipientsAnswer> {
  const recordedAt = new Map(stream.map((e) => [e.eventId, metadataOf(e).recordedAt]));
  const retractions: RetractionRecipients[] = [];
  for (const e of stream) {
    if (e.type !== 'EventsRetracted') continue;
    const eventIds = e.data['eventIds'] as readonly string[];
    const to = metadataOf(e).recordedAt;
    const from = eventIds.map((id) => recordedAt.get(id) ?? to).reduce((a, b) => (a < b ? a : b), to);
    const recipients: Recipient[] = [];
    let after: bigint | undefined;
    do {
      const answer = await pages({ caseId, from, to }, { after, limit: PAGE });
      if (!answer.ok) return answer;
      for (const r of answer.page.records) {
        if (r.type !== 'CaseDataRead') continue;
        recipients.push({ at: r.at, actor: r.actor, channel: r.channel, resource: r.resource, requestId: r.requestId, ...(r.purpose !== undefined && { purpose: r.purpose }) });
      }
      after = answer.page.next ?? undefined;
    } while (after !== undefined);
    retractions.push({ retractionId: e.eventId, retractedAt: to, reason: String(e.data['reason']), eventIds, from, to, recipients });
  }
  return { ok: true, retractions };
}
