import { AREA_CODES, type AreaCode } from '../../../src/domain/shared/areas.js';
import { reportingYearStarting, startYearOf } from '../../../src/domain/shared/reporting-year.js';
import type { Rng } from '../prng.js';

/**
 * Resident population of each MAPPA area in thousands, near the 2011 census: it weights where
 * synthetic cases arise and gives the per-100,000 rates. Rounded and for benchmarking only.
 */
const POPULATION_2011_THOUSANDS: Readonly<Record<AreaCode, number>> = {
  'avon-and-somerset': 1650, bedfordshire: 640, cambridgeshire: 800, cheshire: 1030, cumbria: 500, derbyshire: 1020,
  'devon-and-cornwall': 1700, dorset: 750, durham: 620, 'dyfed-powys': 510, essex: 1740, gloucestershire: 600,
  'greater-manchester': 2700, gwent: 580, hampshire: 1900, hertfordshire: 1120, humberside: 920, kent: 1750,
  lancashire: 1460, leicestershire: 1000, lincolnshire: 720, london: 8200, merseyside: 1380, norfolk: 860,
  'north-wales': 690, 'north-yorkshire': 800, northamptonshire: 690, northumbria: 1430, nottinghamshire: 1090,
  'south-wales': 1260, 'south-yorkshire': 1340, staffordshire: 1100, suffolk: 730, surrey: 1130, sussex: 1600,
  teesside: 560, 'thames-valley': 2200, warwickshire: 550, 'west-mercia': 1200, 'west-midlands': 2740,
  'west-yorkshire': 2230, wiltshire: 680,
};

const AREA_WEIGHTS = AREA_CODES.map((area) => [area, POPULATION_2011_THOUSANDS[area]] as const);

export function drawArea(r: Rng): AreaCode {
  return r.weighted(AREA_WEIGHTS);
}

const UNIT_NAMES = ['North', 'South', 'East', 'West', 'Central', 'City', 'County', 'Coast'] as const;

/** Three to eight local units per area, more for the bigger ones. */
export function unitsOf(area: AreaCode): readonly string[] {
  const n = Math.min(UNIT_NAMES.length, 3 + Math.floor(POPULATION_2011_THOUSANDS[area] / 600));
  return UNIT_NAMES.slice(0, n).map((name) => `${name} ${area === 'london' ? 'Borough Command' : 'Division'}`);
}

/** A population that grows about 0.6% a year from the 2011 figure. */
export function populationIn(area: AreaCode, reportingYear: string): number {
  const years = startYearOf(reportingYear) - 2011;
  return Math.round(POPULATION_2011_THOUSANDS[area] * 1000 * (1 + 0.006 * years));
}

export function reportingYearsBetween(first: number, last: number): string[] {
  return Array.from({ length: last - first + 1 }, (_, i) => reportingYearStarting(first + i));
}
