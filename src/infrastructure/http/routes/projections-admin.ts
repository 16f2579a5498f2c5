import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Projections } from '../../read-models/projections.js';
import { problemResponses } from '../problem.js';

const status = z.object({
  state: z.enum(['stopped', 'running', 'failed']),
  checkpoint: z.string().nullable().describe('The last global position projected'),
  error: z.string().nullable(),
  rebuilding: z.boolean(),
});

const report = z.object({ events: z.int(), cases: z.int(), checkpoint: z.string().nullable() });

/** Projection status and a full rebuild, for admins (DOMAIN.md section 9: "rebuild projections"). */
export const projectionAdminRoutes = (projections: Projections): FastifyPluginAsyncZod =>
  async (app) => {
    const statusNow = () => {
      const s = projections.status();
      return { ...s, checkpoint: s.checkpoint?.toString() ?? null };
    };
    app.get('/admin/projections', {
      config: { action: 'projections:rebuild' },
      schema: { summary: 'Where the projections stand', tags: ['admin'], response: { 200: status, ...problemResponses } },
      handler: async () => statusNow(),
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
