import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AccessLog } from '../access-log/writer.js';
import type { Clock } from '../clock.js';
import type { ProjectionService } from '../read-models/projection-service.js';
import { caseloadRoutes } from './routes/caseload.js';
import { projectionAdminRoutes } from './routes/projections-admin.js';
import { returnRoutes } from './routes/returns.js';

/** The routes served from the read models: the caseload, the annual return, and their administration. */
export function projectionRoutes(projections: ProjectionService, deps: { readonly clock: Clock; readonly accessLog: AccessLog }): FastifyPluginAsyncZod[] {
  return [returnRoutes(projections), caseloadRoutes(projections, deps), projectionAdminRoutes(projections)];
}
