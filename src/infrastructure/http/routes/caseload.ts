import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { agency } from '../../../domain/shared/agencies.js';
import { AREA_CODES, areaCode } from '../../../domain/shared/areas.js';
import { caseloadItem, countCaseload, matches, type CaseloadFilter } from '../../../projections/caseload/caseload-view.js';
import { londonDate, type Clock } from '../../clock.js';
import { ALL_AREAS } from '../../auth/principal.js';
import { SEES_RESTRICTED_CASES } from '../../auth/policy.js';
import type { AccessLog } from '../../access-log/writer.js';
import type { ProjectionService } from '../../read-models/projection-service.js';
import { purposeHeaders, recordCaseDataRead } from '../access.js';
import { callerOf, inCallerAreas } from '../authentication.js';
import { problem, ProblemError, problemResponses } from '../problem.js';
import { assertAnswerable } from '../projection-availability.js';

const level = z.enum(['1', '2', '3']).transform(Number).pipe(z.union([z.literal(1), z.literal(2), z.literal(3)]));
const category = z.enum(['1', '2', '3', '4']).transform(Number).pipe(z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]));

const caseloadQuery = z.object({
  area: areaCode.optional().describe('One area (default: every area the token covers)'),
  category: category.optional().describe('Reported category today: 1, 2, 3 or 4 (category 4 from its edition, docs/DOMAIN.md section 12)'),
  level: level.optional().describe('Management level: 1, 2 or 3'),
  leadAgency: agency.optional(),
  reviewOverdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  eligibilityLapsed: z.enum(['true', 'false']).transform((v) => v === 'true').optional().describe('No basis active today: the case is due for closure'),
  limit: z.coerce.number().int().min(1).max(5000).default(500),
  after: z.string().max(64).optional().describe('Cursor: the last caseId of the previous page'),
});

const counts = z.object({
  total: z.int(),
  byCategory: z.object({ '1': z.int(), '2': z.int(), '3': z.int(), '4': z.int(), none: z.int() }),
  byLevel: z.object({ '1': z.int(), '2': z.int(), '3': z.int() }),
  reviewOverdue: z.int(),
  eligibilityLapsed: z.int(),
});

const item = z.object({
  caseId: z.string(), area: z.string(), localUnit: z.string().nullable(), leadAgency: z.string(), level: z.int(),
  category: z.int().nullable(), inCustody: z.boolean(), lastMeetingOn: z.string().nullable(), nextReviewDue: z.string().nullable(),
  reviewOverdue: z.boolean(), eligibilityLapsed: z.boolean(),
});

const caseloadResponse = z.object({
  asOf: z.string().describe('Today (Europe/London): categories, lapsed eligibility and overdue reviews are as of this day'),
  counts,
  cases: z.array(item).optional().describe('Absent for analysts, who see counts only'),
  next: z.string().nullable().optional(),
});

/**
 * `GET /caseload`: open cases as they stand today, with counts and the flags a coordinator acts
 * on. Coordinators and reviewers get the listing (case-level data, access-logged); analysts
 * get the counts alone (docs/DOMAIN.md sections 6 and 9).
 */
export const caseloadRoutes = (projections: ProjectionService, deps: { readonly clock: Clock; readonly accessLog: AccessLog }): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/caseload', {
      config: { action: (request) => (request.principal?.role === 'analyst' ? 'caseload:counts' : 'caseload:list') },
      schema: {
        summary: 'Current cases with counts; flags overdue reviews and lapsed eligibility',
        tags: ['caseload'],
        querystring: caseloadQuery,
        headers: purposeHeaders,
        response: { 200: caseloadResponse, ...problemResponses },
      },
      handler: async (request, reply) => {
        const { area, limit, after, ...filters } = request.query;
        const caller = callerOf(request);
        if (area !== undefined && !inCallerAreas(request, area)) throw new ProblemError(problem(403, 'area-not-permitted', `the token does not cover ${area}`));
        const areas = area !== undefined ? [area] : caller.areas === ALL_AREAS ? [...AREA_CODES] : [...caller.areas];
        assertAnswerable(projections, 'returns');
        const today = londonDate(deps.clock.now());
        const items = projections.readModels.caseload(areas).map((entry) => caseloadItem(entry, today)).filter((i) => matches(i, filters as CaseloadFilter));
        reply.header('cache-control', 'no-store');
        if (request.grant?.action === 'caseload:counts') return reply.send({ asOf: today, counts: countCaseload(items) });
        // A restricted case is counted but not listed (docs/DOMAIN.md section 13): its row would name it.
        const hidden = SEES_RESTRICTED_CASES.has(caller.role) ? new Set<string>() : projections.readModels.subjects.restrictedCases();
        const listed = hidden.size === 0 ? items : items.filter((i) => !hidden.has(i.caseId));
        const from = after === undefined ? 0 : listed.findIndex((i) => i.caseId > after);
        const page = from < 0 ? [] : listed.slice(from, from + limit);
        const next = from >= 0 && from + limit < listed.length ? page[page.length - 1]!.caseId : null;
        await recordCaseDataRead(request, deps.accessLog, { resource: 'caseload', caseIds: page.map((i) => i.caseId) });
        return reply.send({ asOf: today, counts: countCaseload(items), cases: page, next });
      },
    });
  };
