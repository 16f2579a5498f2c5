import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { populationBasis, populationRecord } from '../../../domain/area/events.js';
import { areaCode } from '../../../domain/shared/areas.js';
import { reportingYear } from '../../../domain/shared/reporting-year.js';
import { actorOf } from '../../auth/principal.js';
import type { Clock } from '../../clock.js';
import { recordAreaPopulation } from '../../command-handler/record-area-population.js';
import { areasWithPopulations } from '../../queries/areas.js';
import { type EventStore } from '../../eventstore/eventstore.js';
import { callerOf, inCallerAreas } from '../authentication.js';
import { problem, ProblemError, problemResponses } from '../problem.js';
import { clientRequestIdOf } from '../request-id.js';

const population = z.object({
  reportingYear: z.string(),
  population: z.int(),
  basis: populationBasis,
  source: z.string(),
  recordedAt: z.string(),
});

const areaList = z.object({
  areas: z.array(
    z.object({
      code: areaCode,
      name: z.string(),
      country: z.enum(['England', 'Wales']),
      /** The latest recorded population of each reporting year and basis, by year then basis. */
      populations: z.array(population),
    }),
  ),
});

const populationBody = populationRecord;
const populationParams = z.object({ area: areaCode, reportingYear });
const recordedPopulation = population.extend({ area: areaCode, version: z.int() });

/** `GET /areas` and `PUT /areas/{area}/population/{reportingYear}`: reference data (docs/DOMAIN.md sections 6, 8). */
export const areaRoutes = ({ store, clock }: { readonly store: EventStore; readonly clock: Clock }): FastifyPluginAsyncZod => async (app) => {
  app.get('/areas', {
    config: { action: 'areas:read' },
    schema: { summary: 'The 42 MAPPA areas with their recorded populations', tags: ['areas'], response: { 200: areaList, ...problemResponses } },
    handler: async () => ({ areas: await areasWithPopulations(store) }),
  });

  app.put('/areas/:area/population/:reportingYear', {
    config: { action: 'area-population:record' },
    schema: {
      summary: "Record an area's population for a reporting year (admin)",
      tags: ['areas'],
      params: populationParams,
      body: populationBody,
      response: { 200: recordedPopulation, 201: recordedPopulation, ...problemResponses },
    },
    handler: async (request, reply) => {
      const { area, reportingYear: year } = request.params;
      if (!inCallerAreas(request, area)) throw new ProblemError(problem(403, 'area-not-permitted', `your token does not cover the area ${area}`));
      const outcome = await recordAreaPopulation(store, clock, { area, reportingYear: year, ...request.body }, { actor: actorOf(callerOf(request)), correlationId: request.id, clientRequestId: clientRequestIdOf(request) });
      if (outcome.kind === 'conflict') throw new ProblemError(problem(409, 'conflict', 'the area kept changing; nothing was written; try again'));
      // Recording the same figure again changes nothing: 200 with the record as it stands.
      const { kind, ...recorded } = outcome;
      return reply.code(kind === 'recorded' ? 201 : 200).send({
        area,
        reportingYear: recorded.reportingYear,
        population: recorded.population,
        basis: recorded.basis,
        source: recorded.source,
        recordedAt: recorded.recordedAt,
        version: recorded.version,
      });
    },
  });
};
