import type { AreaCode } from '../../../src/domain/shared/areas.js';
import type { Rng } from '../prng.js';

/** Cumbria Constabulary's three basic command units, as the report's R08 names them. */
export const CUMBRIA_UNITS = ['North BCU', 'South BCU', 'West BCU'] as const;

/** Where people moving in and out of Cumbria come from and go to, with local units of theirs. */
const NEIGHBOURS: readonly { readonly area: AreaCode; readonly units: readonly string[] }[] = [
  { area: 'lancashire', units: ['Northern Division', 'Western Division', 'Southern Division'] },
  { area: 'durham', units: ['North Area', 'South Area'] },
  { area: 'northumbria', units: ['Northumberland', 'Newcastle'] },
  { area: 'north-yorkshire', units: ['Craven', 'Richmondshire'] },
  { area: 'greater-manchester', units: ['Wigan', 'Bolton'] },
  { area: 'west-yorkshire', units: ['Leeds', 'Bradford'] },
];

export function neighbour(r: Rng): { readonly area: AreaCode; readonly unit: string } {
  const n = r.weighted(NEIGHBOURS.map((x, i) => [x, i < 2 ? 3 : 1] as const));
  return { area: n.area, unit: r.pick(n.units) };
}

export function otherCumbriaUnit(r: Rng, unit: string): string {
  return r.pick(CUMBRIA_UNITS.filter((u) => u !== unit));
}
