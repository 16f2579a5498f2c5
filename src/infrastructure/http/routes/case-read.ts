import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { businessDate } from '../../../domain/shared/business-date.js';
import { instant } from '../../../domain/shared/instant.js';
import type { AccessLog } from '../../access-log/writer.js';
import { londonDate, type Clock } from '../../clock.js';
import type { EventStore } from '../../eventstore/eventstore.js';
import { loadCaseAt } from '../../queries/case-at.js';
import { caseView, caseViewSchema } from '../../queries/case-view.js';
import { purposeHeaders, recordCaseDataRead } from '../access.js';
import { inCallerAreas } from '../authentication.js';
import { caseNotFound, problem, ProblemError, problemResponses } from '../problem.js';
import { caseParams, etag } from '../wire.js';

const caseQuery = z.object({
  asOf: businessDate.optional().describe('The case at the end of this business day (YYYY-MM-DD)'),
  knownAt: instant.optional().describe('Only what was recorded by this instant (ISO 8601)'),
});

/** A past state (asOf, knownAt) is a separate action from the case as it stands (policy.ts). */
const asksForThePast = (query: unknown) => {
  const q = (query ?? {}) as Record<string, unknown>;
  return q['asOf'] !== undefined || q['knownAt'] !== undefined;
};

export type CaseReadDeps = { readonly store: EventStore; readonly clock: Clock; readonly accessLog: AccessLog };

/** `GET /cases/{caseId}`: the case now, on a business date, and/or as known at an instant (DOMAIN.md section 6). */
export const caseReadRoutes: FastifyPluginAsyncZod<CaseReadDeps> = async (app, { store, clock, accessLog }) => {
  app.get('/cases/:caseId', {
    config: { action: (request) => (asksForThePast(request.query) ? 'case:read-past' : 'case:read') },
    schema: {
      summary: 'Read a case: now, asOf a business date, knownAt an instant',
      tags: ['cases'],
      params: caseParams,
      querystring: caseQuery,
      headers: purposeHeaders,
      response: { 200: caseViewSchema, ...problemResponses },
    },
    handler: async (request, reply) => {
      const { caseId } = request.params;
      const at = await loadCaseAt(store, caseId, request.query, londonDate(clock.now()));
      if (at === null || !inCallerAreas(request, at.currentArea)) throw caseNotFound();
      if (at.state === null) {
        throw new ProblemError(problem(404, 'case-not-found', 'the case did not exist on that date, or was not yet recorded at that instant'));
      }
      const view = caseView(caseId, at.state, at.on, { version: at.version, knownAt: at.knownAt });
      await recordCaseDataRead(request, accessLog, { resource: 'case', caseIds: [caseId] });
      return reply.header('etag', etag(at.version)).header('cache-control', 'no-store').send(view);
    },
  });
};
