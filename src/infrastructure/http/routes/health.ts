import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { EventStore } from '../../eventstore/eventstore.js';
import { streams } from '../../eventstore/stream-names.js';
import type { Lifecycle } from '../lifecycle.js';
import { problem, ProblemError, problemResponses } from '../problem.js';

const PROBE_TIMEOUT_MS = 2000;

async function storeAnswers(store: EventStore): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), PROBE_TIMEOUT_MS);
  });
  try {
    return await Promise.race([store.streamVersion(streams.healthProbe).then(() => true, () => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const status = z.object({ status: z.enum(['live', 'ready']) });

/** Liveness and readiness probes: anonymous, not rate limited, never about case data. */
export const healthRoutes = ({ store, lifecycle }: { readonly store: EventStore; readonly lifecycle: Lifecycle }): FastifyPluginAsyncZod => async (app) => {
  app.get('/health/live', {
    config: { rateLimit: false },
    schema: { summary: 'The process is up', tags: ['health'], security: [], response: { 200: status } },
    handler: async () => ({ status: 'live' as const }),
  });

  app.get('/health/ready', {
    config: { rateLimit: false },
    schema: { summary: 'Ready for traffic: not shutting down, and the event store answers', tags: ['health'], security: [], response: { 200: status, ...problemResponses } },
    handler: async () => {
      if (lifecycle.shuttingDown) throw new ProblemError(problem(503, 'not-ready', 'the server is shutting down'));
      if (!(await storeAnswers(store))) throw new ProblemError(problem(503, 'not-ready', 'the event store does not answer'));
      return { status: 'ready' as const };
    },
  });
};
