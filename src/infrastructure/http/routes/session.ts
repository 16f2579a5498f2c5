import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ROLES } from '../../auth/actor.js';
import { ALL_AREAS } from '../../auth/principal.js';
import { callerOf } from '../authentication.js';
import { problemResponses } from '../problem.js';

const session = z.object({
  sub: z.string(),
  role: z.enum(ROLES),
  agency: z.string(),
  areas: z.array(z.string()).describe('Area codes, or ["*"] for every area'),
});

/**
 * `GET /session`: who the bearer token says the caller is, as this server verified it. The
 * web page asks it to check a pasted token, and to learn who signed in when a proxy in front
 * of the engine adds the token to every request.
 */
export const sessionRoutes = (): FastifyPluginAsyncZod => async (app) => {
  app.get('/session', {
    config: { action: 'session:read' },
    schema: { summary: 'The verified caller: subject, role, agency and areas', tags: ['session'], response: { 200: session, ...problemResponses } },
    handler: async (request, reply) => {
      const { sub, role, agency, areas } = callerOf(request);
      return reply.header('cache-control', 'no-store').send({ sub, role, agency, areas: areas === ALL_AREAS ? [ALL_AREAS] : [...areas] });
    },
  });
};
