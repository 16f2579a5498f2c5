import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AccessLog } from '../access-log/writer.js';
import type { Clock } from '../clock.js';
import type { Projections } from '../read-models/projections.js';
import { caseloadRoutes } from './routes/caseload.js';
import { projectionAdminRoutes } from './routes/projections-admin.js';
import { returnSeriesRoutes } from './routes/return-series.js';
import { returnRoutes } from './routes/returns.js';

/** The routes served from the read models: the caseload, the annual returns, and their administration. */
export function projectionRoutes(projections: Projections, deps: { readonly clock: Clock; readonly accessLog: AccessLog }): FastifyPluginAsyncZod[] {
  return [returnRoutes(projections), returnSeriesRoutes(projections, deps), caseloadRoutes(projections, deps), projectionAdminRoutes(projections)];
}
