import { AREA_CODES, areaCountry, areaName, type AreaCode } from '../../domain/shared/areas.js';
import { decodeArea, latestByYear, type Recorded } from '../command-handler/record-area-population.js';
import type { EventLog } from '../eventstore/eventstore.js';
import { streams } from '../eventstore/stream-names.js';

const asPopulation = ({ event, recordedAt }: Recorded) => ({
  reportingYear: event.reportingYear,
  population: event.population,
  basis: event.basis,
  source: event.source,
  recordedAt,
});

/** The 42 areas, each with the latest population recorded for each reporting year (`GET /areas`). */
export async function areasWithPopulations(store: EventLog) {
  const recorded = new Map<AreaCode, Recorded[]>();
  for await (const stored of store.readAll({ streamPrefixes: [streams.areaPrefix] })) {
    const record = decodeArea(stored);
    recorded.set(record.event.area, [...(recorded.get(record.event.area) ?? []), record]);
  }
  return AREA_CODES.map((code) => ({
    code,
    name: areaName(code),
    country: areaCountry(code),
    populations: latestByYear(recorded.get(code) ?? []).map(asPopulation),
  }));
}
