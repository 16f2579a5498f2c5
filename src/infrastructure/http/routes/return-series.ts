import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AREA_CODES, areaCode, NATIONAL } from '../../../domain/shared/areas.js';
import { reportingYear, reportingYearOf } from '../../../domain/shared/reporting-year.js';
import { ALL_AREAS } from '../../auth/principal.js';
import { londonDate, type Clock } from '../../clock.js';
import { instant as wireInstant } from '../../../domain/shared/instant.js';
import type { ProjectionService } from '../../read-models/projection-service.js';
import { callerOf, inCallerAreas } from '../authentication.js';
import { problem, ProblemError, problemResponses } from '../problem.js';
import { assertAnswerable } from '../projection-availability.js';
import { RETURN_FORMATS } from '../../../projections/annual-return/return-types.js';
import { annualReturnSchema, assertFormatOffered } from './returns.js';

const format = z.enum(RETURN_FORMATS);
const knownAt = wireInstant.optional().describe('The returns as they stood at this instant (only events recorded by then)');

const seriesQuery = z.object({
  area: z.union([areaCode, z.literal(NATIONAL)]).describe('An area code, or england-and-wales'),
  format: format.optional().describe('Every year that offers this format, in it (format 2024 from 2023-24); absent: each year in its own default format'),
  knownAt,
});

const series = z.object({
  area: z.string(),
  format: format.nullable().describe('The format asked for; null: each year in its default format'),
  knownAt: z.string().nullable(),
  returns: z.array(annualReturnSchema).describe('One return per reporting year, oldest first, from the first year that counts anything to the current one'),
});

const byAreaQuery = z.object({ format: format.optional(), knownAt });

const byArea = z.object({
  reportingYear: z.string(),
  knownAt: z.string().nullable(),
  returns: z.array(annualReturnSchema).describe('One return per area the token covers, in area-code order'),
});

const instant = (value: string | undefined) => (value === undefined ? undefined : new Date(value).toISOString());

/**
 * Returns side by side, in one request each, for the trend of a row across years and the
 * comparison of areas (the web page's charts); the same `returns:read` rule as one return.
 * A fold of the whole log (`knownAt`) is made once for all the years or areas asked.
 */
export const returnSeriesRoutes = (projections: ProjectionService, deps: { readonly clock: Clock }): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/returns', {
      config: { action: 'returns:read' },
      schema: {
        summary: 'The annual returns of an area, or of England and Wales, for every reporting year the log covers',
        tags: ['returns'],
        querystring: seriesQuery,
        response: { 200: series, ...problemResponses },
      },
      handler: async (request, reply) => {
        const { area, format: asked, knownAt: at } = request.query;
        const national = area === NATIONAL;
        if (national ? callerOf(request).areas !== ALL_AREAS : !inCallerAreas(request, area)) {
          throw new ProblemError(problem(403, 'area-not-permitted', `the token does not cover ${national ? 'every area' : area}`));
        }
        const through = reportingYearOf(londonDate(deps.clock.now()));
        const knownAtInstant = instant(at);
        // As known at an instant, the returns are folded from the log, whatever the read models' state.
        if (knownAtInstant === undefined) assertAnswerable(projections, 'returns');
        const returns = await projections.returnSeries({
          area, through, ...(asked !== undefined && { format: asked }), ...(knownAtInstant !== undefined && { knownAt: knownAtInstant }),
        });
        reply.header('cache-control', 'no-store');
        return reply.send({ area, format: asked ?? null, knownAt: knownAtInstant ?? null, returns: returns as z.infer<typeof annualReturnSchema>[] });
      },
    });

    app.get('/returns/:reportingYear/areas', {
      config: { action: 'returns:read' },
      schema: {
        summary: 'The annual return of every area the token covers, for one reporting year',
        tags: ['returns'],
        params: z.object({ reportingYear: reportingYear.describe('YYYY-YY, e.g. 2008-09') }),
        querystring: byAreaQuery,
        response: { 200: byArea, ...problemResponses },
      },
      handler: async (request, reply) => {
        const caller = callerOf(request);
        const areas = caller.areas === ALL_AREAS ? [...AREA_CODES] : [...caller.areas].sort();
        const { format: asked, knownAt: at } = request.query;
        const knownAtInstant = instant(at);
        assertFormatOffered(asked, request.params.reportingYear);
        if (knownAtInstant === undefined) assertAnswerable(projections, 'returns');
        const returns = await projections.returnsByArea({
          reportingYear: request.params.reportingYear,
          areas,
          ...(asked !== undefined && { format: asked }),
          ...(knownAtInstant !== undefined && { knownAt: knownAtInstant }),
        });
        reply.header('cache-control', 'no-store');
        return reply.send({ reportingYear: request.params.reportingYear, knownAt: knownAtInstant ?? null, returns: returns as z.infer<typeof annualReturnSchema>[] });
      },
    });
  };
