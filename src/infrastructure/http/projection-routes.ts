import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AccessLog } from '../access-log/writer.js';
import type { Clock } from '../clock.js';
import type { ProjectionService } from '../read-models/projection-service.js';
import { caseloadRoutes } from './routes/caseload.js';
import { projectionAdminRoutes } from './routes/projections-admin.js';
import { returnSeriesRoutes } from './routes/return-series.js';
import { returnRoutes } from './routes/returns.js';
import { returnSubmissionRoutes, type SubmissionDeps } from './routes/return-submissions.js';
import { retentionRoutes } from './routes/retention.js';

/** The routes served from the read models: the caseload, the annual returns, the retention listing, and their administration. */
export function projectionRoutes(projections: ProjectionService, deps: { readonly clock: Clock; readonly accessLog: AccessLog }): FastifyPluginAsyncZod[] {
  return [returnRoutes(projections), returnSeriesRoutes(projections, deps), caseloadRoutes(projections, deps), retentionRoutes(projections, deps), projectionAdminRoutes(projections)];
}

/** Submitted returns and their revisions (docs/DOMAIN.md section 11): they record to the log and fold it, beside the read models. */
export function submissionRoutes(projections: ProjectionService, deps: SubmissionDeps): FastifyPluginAsyncZod[] {
  return [returnSubmissionRoutes(projections, deps)];
}
