import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ProjectionService, Unavailable } from '../../read-models/projection-service.js';
import { projectionUnavailable, statusJson } from '../projection-availability.js';
import { problemResponses } from '../problem.js';

const runner = {
  state: z.enum(['stopped', 'catching-up', 'running', 'failed']),
  checkpoint: z.string().nullable().describe('The last global position projected'),
  error: z.string().nullable(),
  busySince: z.string().nullable().describe('When the batch being applied was started'),
};

const status = z.object({
  ...runner,
  rebuilding: z.boolean(),
  accessLog: z.object(runner).describe("The access log's index, followed on its own"),
});

const report = z.object({ events: z.int(), cases: z.int(), checkpoint: z.string().nullable() });

/**
 * Projection status and a full rebuild, for admins (docs/DOMAIN.md section 9: "rebuild projections").
 * The status is 200 while both projections can answer, else 503 problem+json saying why, with
 * the status beside it. A rebuild is always offered: it is how failed read models are replaced.
 */
export const projectionAdminRoutes = (projections: ProjectionService): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/admin/projections', {
      config: { action: 'projections:rebuild' },
      schema: { summary: 'Where the projections stand', tags: ['admin'], response: { 200: status, ...problemResponses } },
      handler: async () => {
        const body = statusJson(projections.status());
        const unavailable = [projections.availability('returns'), projections.availability('access-log')].filter((u): u is Unavailable => u !== null);
        if (unavailable.length > 0) throw projectionUnavailable(unavailable, { projections: body });
        return body;
      },
    });
    app.post('/admin/projections/rebuild', {
      config: { action: 'projections:rebuild' },
      schema: {
        summary: 'Rebuild every read model from the event log, then swap it in',
        tags: ['admin'],
        response: { 200: report, ...problemResponses },
      },
      handler: async () => {
        const done = await projections.rebuild();
        return { events: done.events, cases: done.cases, checkpoint: done.checkpoint?.toString() ?? null };
      },
    });
  };
