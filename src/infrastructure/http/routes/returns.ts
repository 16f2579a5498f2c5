import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { match } from 'ts-pattern';
import { z } from 'zod';
import { AREA_CODES, areaCode, NATIONAL } from '../../../domain/shared/areas.js';
import { instant } from '../../../domain/shared/instant.js';
import { reportingYear } from '../../../domain/shared/reporting-year.js';
import { formatsOffered, RETURN_FORMATS, type ReturnFormat } from '../../../projections/annual-return/return-types.js';
import { returnAsCsv } from '../../../projections/annual-return/render-csv.js';
import { returnAsText } from '../../../projections/annual-return/render-text.js';
import { ALL_AREAS } from '../../auth/principal.js';
import type { ProjectionService } from '../../read-models/projection-service.js';
import { callerOf, inCallerAreas } from '../authentication.js';
import { problem, ProblemError, problemResponses } from '../problem.js';
import { assertAnswerable } from '../projection-availability.js';

const returnQuery = z.object({
  area: z.union([areaCode, z.literal(NATIONAL)], { error: `must be ${NATIONAL} or an area code (${AREA_CODES.join(', ')})` }).describe('An area code, or england-and-wales'),
  format: z.enum(RETURN_FORMATS).optional().describe('The return format; default 2008 up to 2014-15, 2015 from 2015-16, 2024 from 2024-25 (offered from 2023-24)'),
  knownAt: instant.optional().describe('The return as it stood at this instant (only events recorded by then)'),
});

export const annualReturnSchema = z.object({
  area: z.string(),
  reportingYear: z.string(),
  format: z.enum(RETURN_FORMATS),
  knownAt: z.string().nullable(),
  provisional: z.boolean().describe('The reporting year had not ended on the day the figures are as known: they will change'),
  rows: z.array(z.object({ id: z.string(), label: z.string(), cells: z.record(z.string(), z.number().nullable()) })),
});

/** A format asked for a year before its edition: 400 naming `format`, with the formats that year offers. */
export function assertFormatOffered(format: ReturnFormat | undefined, reportingYear: string): void {
  if (format === undefined) return;
  const offered = formatsOffered(reportingYear);
  if (offered.includes(format)) return;
  const message = `format ${format} is not offered for ${reportingYear}; that year offers ${offered.join(', ')}`;
  throw new ProblemError(problem(400, 'invalid-request', `the query is not valid: format: ${message}`, { errors: [{ path: 'format', message }], offeredFormats: offered }));
}

/** JSON unless the client prefers CSV or the report's plain-text layout. */
function mediaType(accept: string | undefined): 'json' | 'csv' | 'text' {
  const wanted = (accept ?? '').split(',').map((part) => part.split(';')[0]!.trim().toLowerCase());
  for (const type of wanted) {
    if (type === 'application/json' || type === 'application/*') return 'json';
    if (type === 'text/csv') return 'csv';
    if (type === 'text/plain') return 'text';
  }
  return 'json';
}

/** `GET /returns/{reportingYear}`: the MAPPA annual statistical return (docs/DOMAIN.md section 7). */
export const returnRoutes = (projections: ProjectionService): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/returns/:reportingYear', {
      config: {
        action: 'returns:read',
        alternativeMedia: {
          'text/csv': 'Accept: text/csv: one line per cell, `area,reportingYear,format,knownAt,row,label,cell,value` (RFC 4180)',
          'text/plain': "Accept: text/plain: the report's layout (the statistical section of a MAPPA annual report)",
        },
      },
      schema: {
        summary: 'The annual return of an area, or of England and Wales; JSON, CSV (Accept: text/csv) or the report layout (text/plain)',
        tags: ['returns'],
        params: z.object({ reportingYear: reportingYear.describe('YYYY-YY, e.g. 2008-09') }),
        querystring: returnQuery,
        response: { 200: annualReturnSchema, ...problemResponses },
      },
      handler: async (request, reply) => {
        const { area, format, knownAt } = request.query;
        const national = area === NATIONAL;
        if (national ? callerOf(request).areas !== ALL_AREAS : !inCallerAreas(request, area)) {
          throw new ProblemError(problem(403, 'area-not-permitted', `the token does not cover ${national ? 'every area' : area}`));
        }
        assertFormatOffered(format, request.params.reportingYear);
        // A return as known at an instant is folded from the log, whatever the read models' state.
        if (knownAt === undefined) assertAnswerable(projections, 'returns');
        const result = await projections.annualReturn({
          area,
          reportingYear: request.params.reportingYear,
          ...(format !== undefined && { format }),
          ...(knownAt !== undefined && { knownAt: new Date(knownAt).toISOString() }),
        });
        reply.header('cache-control', 'no-store').header('vary', 'accept');
        // CSV and text bypass the JSON schema's serializer: the body is already the rendered document.
        const rendered = (body: string, type: string) => reply.type(type).serializer((s: string) => s).send(body as never);
        return match(mediaType(request.headers.accept))
          .with('csv', () => rendered(returnAsCsv(result), 'text/csv; charset=utf-8'))
          .with('text', () => rendered(returnAsText(result), 'text/plain; charset=utf-8'))
          .with('json', () => reply.send(result as unknown as z.infer<typeof annualReturnSchema>))
          .exhaustive();
      },
    });
  };
