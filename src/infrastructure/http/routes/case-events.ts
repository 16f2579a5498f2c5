import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actor } from '../../auth/actor.js';
import type { AccessLog } from '../../access-log/writer.js';
import type { KnownCases } from '../../command-handler/known-cases.js';
import { streams } from '../../eventstore/stream-names.js';
import { hiddenByRestriction } from '../../queries/restriction.js';
import { visibleVersion } from '../../queries/visible-case.js';
import { retractionMarks, retractionsOf } from '../../../domain/case/retraction.js';
import { metadataOf } from '../../event-metadata.js';
import type { PersonalData } from '../../personal-data/personal-data.js';
import { shownEventData } from '../../queries/shown-event-data.js';
import { purposeHeaders, recordCaseDataRead } from '../access.js';
import { callerAreas, callerOf } from '../authentication.js';
import { caseNotFound, problemResponses } from '../problem.js';
import { caseParams, etag } from '../wire.js';

const MAX_EVENTS_PAGE = 1000;

const page = z.object({
  from: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0).describe('First stream position (inclusive)'),
  limit: z.coerce.number().int().min(1).max(MAX_EVENTS_PAGE).default(100),
});

const historyEvent = z.object({
  eventId: z.string(),
  position: z.int(),
  type: z.string(),
  schemaVersion: z.int(),
  occurredOn: z.string().optional().describe('The business date; absent on a retraction (EventsRetracted)'),
  retractedBy: z.string().optional().describe('The retraction that took this event out (docs/DOMAIN.md section 10)'),
  retractedAt: z.string().optional().describe('When that retraction was recorded'),
  recordedAt: z.string(),
  actor,
  correlationId: z.string(),
  causationId: z.string(),
  /** The X-Request-Id the writer's client sent, when it sent one. */
  clientRequestId: z.string().optional(),
  data: z.record(z.string(), z.unknown()).describe(
    "The event's data as stored, but a referral's subject and a retraction's note opened (`{ erased: true }` once the subject's data was erased)",
  ),
});

const history = z.object({
  caseId: z.string(),
  version: z.int(),
  events: z.array(historyEvent),
  /** The next page, or null after the last event. */
  next: z.string().nullable(),
});

/**
 * `GET /cases/{caseId}/events`: the case's history as recorded, in stream order, paginated. Only
 * the page asked for is read, once the case is known to be visible (visible-case.ts).
 */
type CaseEventsDeps = { readonly cases: KnownCases; readonly accessLog: AccessLog; readonly personalData: PersonalData };

export const caseEventsRoutes = ({ cases, accessLog, personalData }: CaseEventsDeps): FastifyPluginAsyncZod => async (app) => {
  app.get('/cases/:caseId/events', {
    config: { action: 'case:history' },
    schema: {
      summary: "Read a case's history (every event with its metadata)",
      tags: ['cases'],
      params: caseParams,
      querystring: page,
      headers: purposeHeaders,
      response: { 200: history, ...problemResponses },
    },
    handler: async (request, reply) => {
      const { caseId } = request.params;
      const { from, limit } = request.query;
      const visible = await visibleVersion(cases, caseId, callerAreas(request));
      if (visible === null || (await hiddenByRestriction(cases.store, caseId, callerOf(request).role))) throw caseNotFound();
      const { version } = visible;
      // Retractions may come later in the stream than the page: the case's fold knows them all.
      const retracted = retractionsOf((visible.loaded ?? (await cases.at(caseId, version))).records);
      const stored = from > version ? [] : await cases.store.readStream(streams.case(caseId), { from, maxCount: Math.min(limit, version - from + 1) });
      // Events are shown as stored: the data and schema version they were written with, personal fields opened.
      const events = await Promise.all(stored.filter((event) => event.streamPosition <= version).map(async (event) => {
        const metadata = metadataOf(event);
        return {
          eventId: event.eventId,
          position: event.streamPosition,
          type: event.type,
          schemaVersion: metadata.schemaVersion,
          ...(typeof event.data['occurredOn'] === 'string' && { occurredOn: event.data['occurredOn'] }),
          ...retractionMarks(retracted.get(event.eventId)),
          recordedAt: metadata.recordedAt,
          actor: metadata.actor,
          correlationId: metadata.correlationId,
          causationId: metadata.causationId,
          ...(metadata.clientRequestId !== undefined && { clientRequestId: metadata.clientRequestId }),
          data: await shownEventData(personalData, caseId, event.type, event.data),
        };
      }));
      const nextFrom = from + limit;
      const next = nextFrom <= version ? `/cases/${caseId}/events?from=${nextFrom}&limit=${limit}` : null;
      await recordCaseDataRead(request, accessLog, { resource: 'case-events', caseIds: [caseId] });
      return reply.header('etag', etag(version)).header('cache-control', 'no-store').send({ caseId, version, events, next });
    },
  });
};
