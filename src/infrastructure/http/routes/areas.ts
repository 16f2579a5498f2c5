import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { areaEvents, areaPopulationRecorded, populationBasis, type AreaEvent } from '../../../domain/area/events.js';
import { AREA_CODES, areaCode, areaCountry, areaName, type AreaCode } from '../../../domain/shared/areas.js';
import { reportingYear } from '../../../domain/shared/reporting-year.js';
import { actorOf } from '../../auth/principal.js';
import type { Clock } from '../../clock.js';
import { streams, WrongExpectedVersionError, type EventStore, type StoredEvent } from '../../eventstore/eventstore.js';
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
      /** The latest recorded population of each reporting year, by year. */
      populations: z.array(population),
    }),
  ),
});

const populationBody = areaPopulationRecorded.pick({ population: true, basis: true, source: true });
const populationParams = z.object({ area: areaCode, reportingYear });
const recordedPopulation = population.extend({ area: areaCode, version: z.int() });

type Recorded = { readonly event: Extract<AreaEvent, { type: 'AreaPopulationRecorded' }>; readonly recordedAt: string };

function decodeArea(stored: StoredEvent): Recorded {
  const event = areaEvents.decode(stored.type, Number(stored.metadata['schemaVersion'] ?? 1), stored.data);
  return { event, recordedAt: String(stored.metadata['recordedAt']) };
}

/** The latest record of each reporting year, by year. */
function latestByYear(records: readonly Recorded[]): Recorded[] {
  const byYear = new Map<string, Recorded>();
  for (const record of records) byYear.set(record.event.reportingYear, record);
  return [...byYear.values()].sort((a, b) => a.event.reportingYear.localeCompare(b.event.reportingYear));
}

const asPopulation = ({ event, recordedAt }: Recorded) => ({
  reportingYear: event.reportingYear,
  population: event.population,
  basis: event.basis,
  source: event.source,
  recordedAt,
});

const MAX_ATTEMPTS = 5;

/** The caller's own X-Request-Id beside ours, when it sent one (request-id.ts). */
function clientRequest(request: Parameters<typeof clientRequestIdOf>[0]): { clientRequestId?: string } {
  const clientRequestId = clientRequestIdOf(request);
  return clientRequestId === undefined ? {} : { clientRequestId };
}

/** `GET /areas` and `PUT /areas/{area}/population/{reportingYear}`: reference data (DOMAIN.md sections 6, 8). */
export const areaRoutes: FastifyPluginAsyncZod<{ store: EventStore; clock: Clock }> = async (app, { store, clock }) => {
  app.get('/areas', {
    config: { action: 'areas:read' },
    schema: { summary: 'The 42 MAPPA areas with their recorded populations', tags: ['areas'], response: { 200: areaList, ...problemResponses } },
    handler: async () => {
      const recorded = new Map<string, Recorded[]>();
      for await (const stored of store.readAll({ streamPrefixes: [streams.areaPrefix] })) {
        const record = decodeArea(stored);
        recorded.set(record.event.area, [...(recorded.get(record.event.area) ?? []), record]);
      }
      return {
        areas: AREA_CODES.map((code) => ({
          code,
          name: areaName(code),
          country: areaCountry(code),
          populations: latestByYear(recorded.get(code) ?? []).map(asPopulation),
        })),
      };
    },
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
      const stream = streams.area(area);
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        const stored = await store.readStream(stream);
        const version = stored.length - 1;
        const current = latestByYear(stored.map(decodeArea)).find((r) => r.event.reportingYear === year);
        const same = current && current.event.population === request.body.population && current.event.basis === request.body.basis && current.event.source === request.body.source;
        // Recording the same figure again changes nothing: 200 with the record as it stands.
        if (current && same) return reply.code(200).send({ area, ...asPopulation(current), version });
        const recordedAt = clock.now().toISOString();
        const encoded = areaEvents.encode({ type: 'AreaPopulationRecorded', area: area as AreaCode, reportingYear: year, ...request.body });
        const eventId = randomUUID();
        try {
          const result = await store.appendToStream(
            stream,
            [{ eventId, type: encoded.type, data: encoded.data, metadata: { schemaVersion: encoded.schemaVersion, recordedAt, actor: actorOf(callerOf(request)), correlationId: request.id, causationId: eventId, ...clientRequest(request) } }],
            { expectedVersion: version === -1 ? 'no_stream' : version },
          );
          return reply.code(201).send({ area, reportingYear: year, ...request.body, recordedAt, version: result.nextExpectedVersion });
        } catch (error) {
          if (!(error instanceof WrongExpectedVersionError)) throw error;
        }
      }
      throw new ProblemError(problem(409, 'conflict', 'the area kept changing; nothing was written; try again'));
    },
  });
};
