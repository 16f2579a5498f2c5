import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actor } from '../../auth/actor.js';
import { accessChannel } from '../../access-log/records.js';
import type { AccessLog } from '../../access-log/writer.js';
import type { EventStreams } from '../../eventstore/eventstore.js';
import { streams } from '../../eventstore/stream-names.js';
import { correctionRecipients } from '../../queries/correction-recipients.js';
import { hiddenByRestriction } from '../../queries/restriction.js';
import type { AccessLogPages } from '../../read-models/access-log-query.js';
import { purposeHeaders, recordAccessLogRead } from '../access.js';
import { callerOf } from '../authentication.js';
import { caseNotFound, problemResponses } from '../problem.js';
import { projectionUnavailable } from '../projection-availability.js';
import { caseParams } from '../wire.js';

const recipient = z.object({
  at: z.string(),
  actor,
  channel: accessChannel,
  resource: z.string(),
  purpose: z.string().optional(),
  requestId: z.string(),
});

const recipients = z.object({
  caseId: z.string(),
  retractions: z.array(
    z.object({
      retractionId: z.string(),
      retractedAt: z.string(),
      reason: z.string(),
      eventIds: z.array(z.string()),
      from: z.string().describe('When the earliest retracted event was recorded'),
      to: z.string().describe('When the retraction was recorded'),
      recipients: z.array(recipient).describe('Reads of the case in that window: who received the wrong data'),
    }),
  ),
});

/**
 * `GET /cases/{caseId}/corrections/recipients` (auditors): for each retraction of the case, who
 * read it while the wrong facts stood and must be told (DPA 2018 s.38(5)(c); docs/DOMAIN.md
 * section 10). Reading it is recorded as a read of the access log.
 */
export const correctionRecipientsRoutes =
  ({ store, pages, accessLog }: { readonly store: EventStreams; readonly pages: AccessLogPages; readonly accessLog: AccessLog }): FastifyPluginAsyncZod =>
  async (app) => {
  app.get('/cases/:caseId/corrections/recipients', {
    config: { action: 'audit:correction-recipients' },
    schema: {
      summary: 'Who received data later retracted from a case, retraction by retraction',
      tags: ['audit'],
      params: caseParams,
      headers: purposeHeaders,
      response: { 200: recipients, ...problemResponses },
    },
    handler: async (request) => {
      const { caseId } = request.params;
      const stream = await store.readStream(streams.case(caseId));
      if (stream.length === 0 || (await hiddenByRestriction(store, caseId, callerOf(request).role))) throw caseNotFound();
      const answer = await correctionRecipients(caseId, stream, pages);
      if (!answer.ok) throw projectionUnavailable([answer.unavailable]);
      await recordAccessLogRead(request, accessLog, { caseId });
      return { caseId, retractions: answer.retractions.map((r) => ({ ...r, eventIds: [...r.eventIds], recipients: [...r.recipients] })) };
    },
  });
};
