import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { SubjectStanding } from '../../../domain/data-protection/decide.js';
import { reviewDueBy } from '../../../domain/data-protection/review-due.js';
import { AREA_CODES, areaCode } from '../../../domain/shared/areas.js';
import { businessDate } from '../../../domain/shared/business-date.js';
import type { AccessLog } from '../../access-log/writer.js';
import { ALL_AREAS } from '../../auth/principal.js';
import { londonDate, type Clock } from '../../clock.js';
import type { ProjectionService } from '../../read-models/projection-service.js';
import { purposeHeaders, recordCaseDataRead } from '../access.js';
import { callerAreas, inCallerAreas } from '../authentication.js';
import { problem, ProblemError, problemResponses } from '../problem.js';
import { assertAnswerable } from '../projection-availability.js';

const retentionQuery = z.object({
  area: areaCode.optional().describe('One area (default: every area the token covers)'),
  on: businessDate.optional().describe('Due on or before this day (default: today, Europe/London)'),
});

const dueCase = z.object({
  caseId: z.string(),
  area: z.string(),
  closedOn: z.string().nullable(),
  dueOn: z.string(),
  review: z.enum(['first', 'next']).describe('`first`: closure plus the retention period; `next`: the date a review set'),
  lastReview: z.object({ outcome: z.enum(['retain', 'restrict', 'dispose']), on: z.string() }).nullable(),
  restricted: z.boolean(),
});

const retentionDue = z.object({ on: z.string(), cases: z.array(dueCase) });

/**
 * `GET /retention/due` (data-protection staff and auditors, in their areas): the cases whose
 * retention review is due by `on` (docs/DOMAIN.md section 13), from the read models (the closed
 * cases of `case_areas`, the standings of the data-protection streams). A listing of cases: access-logged.
 */
export const retentionRoutes = (projections: ProjectionService, deps: { readonly clock: Clock; readonly accessLog: AccessLog }): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/retention/due', {
      config: { action: 'retention:read-due' },
      schema: {
        summary: 'Cases due for a retention review',
        tags: ['data-protection'],
        querystring: retentionQuery,
        headers: purposeHeaders,
        response: { 200: retentionDue, ...problemResponses },
      },
      handler: async (request, reply) => {
        const { area } = request.query;
        if (area !== undefined && !inCallerAreas(request, area)) throw new ProblemError(problem(403, 'area-not-permitted', `the token does not cover ${area}`));
        const covered = callerAreas(request);
        const areas = area !== undefined ? [area] : covered === ALL_AREAS ? [...AREA_CODES] : [...covered];
        assertAnswerable(projections, 'returns');
        const on = request.query.on ?? londonDate(deps.clock.now());
        const cases = areas.flatMap((a) => dueIn(projections, a, on));
        await recordCaseDataRead(request, deps.accessLog, { resource: 'retention-due', caseIds: cases.map((c) => c.caseId) });
        return reply.header('cache-control', 'no-store').send({ on, cases });
      },
    });
  };

function dueIn(projections: ProjectionService, area: string, on: string): z.infer<typeof dueCase>[] {
  const { closed, reviewed } = projections.readModels.subjects.retentionCandidates(area);
  const candidates = new Map<string, { closedOn: string | null; standing: SubjectStanding | null }>(reviewed.map((r) => [r.caseId, { closedOn: null, standing: r.standing }]));
  for (const c of closed) candidates.set(c.caseId, { closedOn: c.closedOn, standing: c.standing });
  return [...candidates]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .flatMap(([caseId, { closedOn, standing }]) => {
      const due = reviewDueBy(closedOn, standing, on);
      return due === null ? [] : [{ caseId, area, closedOn, ...due, lastReview: standing?.lastReview ?? null, restricted: standing?.restricted ?? false }];
    });
}
