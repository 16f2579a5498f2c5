import { z } from 'zod';
import { areaCode } from '../shared/areas.js';
import { eventCatalog } from '../shared/event-versioning.js';
import { storedReportingYear } from '../shared/reporting-year.js';
import { safeText } from '../shared/safe-text.js';

/** Reference data of an area, in its own stream `mappa-area-<area>`. */
export const populationBasis = z.enum(['all-ages', 'aged-10-plus']);
export type PopulationBasis = z.infer<typeof populationBasis>;

export const areaPopulationRecorded = z.strictObject({
  type: z.literal('AreaPopulationRecorded'),
  area: areaCode,
  reportingYear: storedReportingYear,
  population: z.int().min(1).max(100_000_000),
  basis: populationBasis,
  source: z.string().min(1).max(200),
});

/** What an admin sends to record a population (the wire format): the source is safe label text. */
export const populationRecord = z.strictObject({
  population: areaPopulationRecorded.shape.population,
  basis: populationBasis,
  source: safeText(200),
});

export const areaEvent = z.discriminatedUnion('type', [areaPopulationRecorded]);
export type AreaEvent = z.infer<typeof areaEvent>;

export const areaEvents = eventCatalog<AreaEvent>(areaEvent, {}, {});
