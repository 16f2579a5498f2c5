import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { latestCase } from '../../../domain/case/timeline.js';
import { actor } from '../../auth/actor.js';
import type { AccessLog } from '../../access-log/writer.js';
import type { EventStore } from '../../eventstore/eventstore.js';
import { readCaseStream } from '../../queries/case-stream-read.js';
import { metadataOf } from '../../stored-case-events.js';
import { purposeHeaders, recordCaseDataRead } from '../access.js';
import { inCallerAreas } from '../authentication.js';
import { caseNotFound, problemResponses } from '../problem.js';
import { caseParams, etag } from '../wire.js';

export const MAX_EVENTS_PAGE = 1000;

const page = z.object({
  from: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0).describe('First stream position (inclusive)'),
  limit: z.coerce.number().int().min(1).max(MAX_EVENTS_PAGE).default(100),
});

const historyEvent = z.object({
  eventId: z.string(),
  position: z.int(),
  type: z.string(),
  schemaVersion: z.int(),
  occurredOn: z.string(),
  recordedAt: z.string(),
  actor,
  correlationId: z.string(),
  causationId: z.string(),
  data: z.record(z.string(), z.unknown()),
});

const history = z.object({
  caseId: z.string(),
  version: z.int(),
  events: z.array(historyEvent),
  /** The next page, or null after the last event. */
  next: z.string().nullable(),
});

/** `GET /cases/{caseId}/events`: the case's history as recorded, in stream order, paginated. */
export const caseEventsRoutes: FastifyPluginAsyncZod<{ store: EventStore; accessLog: AccessLog }> = async (app, { store, accessLog }) => {
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
      const loaded = await readCaseStream(store, caseId);
      const current = latestCase(loaded.timeline);
      if (current === null || !inCallerAreas(request, current.area)) throw caseNotFound();
      // Events are shown as stored: the data and schema version they were written with.
      const events = loaded.stored.slice(from, from + limit).map((event) => {
        const metadata = metadataOf(event);
        return {
          eventId: event.eventId,
          position: event.streamPosition,
          type: event.type,
          schemaVersion: metadata.schemaVersion,
          occurredOn: String(event.data['occurredOn']),
          recordedAt: metadata.recordedAt,
          actor: metadata.actor,
          correlationId: metadata.correlationId,
          causationId: metadata.causationId,
          data: event.data,
        };
      });
      const nextFrom = from + limit;
      const next = nextFrom <= loaded.version ? `/cases/${caseId}/events?from=${nextFrom}&limit=${limit}` : null;
      await recordCaseDataRead(request, accessLog, { resource: 'case-events', caseIds: [caseId] });
      return reply.header('etag', etag(loaded.version)).header('cache-control', 'no-store').send({ caseId, version: loaded.version, events, next });
    },
  });
};
