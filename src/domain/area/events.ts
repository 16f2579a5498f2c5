import { z } from 'zod';
import { areaCode } from '../shared/areas.js';
import { eventCatalog } from '../shared/event-catalog.js';
import { reportingYear } from '../shared/reporting-year.js';

/** Reference data of an area, in its own stream `mappa-area-<area>`. */
export const populationBasis = z.enum(['all-ages', 'aged-10-plus']);
export type PopulationBasis = z.infer<typeof populationBasis>;

export const areaPopulationRecorded = z.strictObject({
  type: z.literal('AreaPopulationRecorded'),
  area: areaCode,
  reportingYear,
  population: z.int().min(1).max(100_000_000),
  basis: populationBasis,
  source: z.string().min(1).max(200),
});

export const areaEvent = z.discriminatedUnion('type', [areaPopulationRecorded]);
export type AreaEvent = z.infer<typeof areaEvent>;

export const areaEvents = eventCatalog<AreaEvent>(areaEvent, {}, {});
