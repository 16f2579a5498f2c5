import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { businessDate } from '../../../domain/shared/business-date.js';
import { instant } from '../../../domain/shared/instant.js';
import type { AccessLog } from '../../access-log/writer.js';
import { londonDate, type Clock } from '../../clock.js';
import type { KnownCases } from '../../command-handler/known-cases.js';
import type { PersonalData } from '../../personal-data/personal-data.js';
import { caseAt } from '../../queries/case-at.js';
import { caseView, caseViewSchema } from '../../queries/case-view.js';
import { hiddenByRestriction } from '../../queries/restriction.js';
import { visibleCase } from '../../queries/visible-case.js';
import { permissionFor, type Action } from '../../auth/policy.js';
import type { Role } from '../../auth/actor.js';
import { purposeHeaders, recordCaseDataRead } from '../access.js';
import { callerAreas, callerOf } from '../authentication.js';
import { caseNotFound, problemResponses } from '../problem.js';
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

/**
 * The case now is `case:read`, or for a role whose only way to a case is `case:read-restricted`
 * (data-protection staff) that; a past state is `case:read-past` for everyone (policy.ts).
 */
function readAction(role: Role | undefined, query: unknown): Action {
  if (asksForThePast(query)) return 'case:read-past';
  return role !== undefined && permissionFor(role, 'case:read') === undefined && permissionFor(role, 'case:read-restricted') !== undefined ? 'case:read-restricted' : 'case:read';
}

type CaseReadDeps = { readonly cases: KnownCases; readonly clock: Clock; readonly accessLog: AccessLog; readonly personalData: PersonalData };

/**
 * `GET /cases/{caseId}`: the case now, on a business date, and/or as known at an instant
 * (docs/DOMAIN.md section 6). Visibility is decided before the stream is read (visible-case.ts), and
 * the case now is the fold the handler keeps for its current version, not a fold per request.
 * A date before the case existed answers exactly as an absent case, and so does a restricted case
 * to anyone but auditors and data-protection staff (docs/DOMAIN.md section 13).
 */
export const caseReadRoutes = ({ cases, clock, accessLog, personalData }: CaseReadDeps): FastifyPluginAsyncZod => async (app) => {
  app.get('/cases/:caseId', {
    config: { action: (request) => readAction(request.principal?.role, request.query) },
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
      const loaded = await visibleCase(cases, caseId, callerAreas(request));
      if (loaded === null || (await hiddenByRestriction(cases.store, caseId, callerOf(request).role))) throw caseNotFound();
      const at = caseAt(loaded, request.query, londonDate(clock.now()), loaded.latest);
      if (at.state === null) throw caseNotFound();
      const view = caseView(caseId, at.state, at.on, { version: at.version, knownAt: at.knownAt }, await personalData.showSubject(caseId, at.state.subject));
      await recordCaseDataRead(request, accessLog, { resource: 'case', caseIds: [caseId] });
      return reply.header('etag', etag(at.version)).header('cache-control', 'no-store').send(view);
    },
  });
};
