import type { AreaCode } from '../../../src/domain/shared/areas.js';
import { unitsOf } from '../national/areas.js';
import type { Rng } from '../prng.js';
import { NORTH_EAST, type NorthEastArea } from './published.js';

/** The local authorities of each force area, as local units, weighted by population (2021 census, thousands). */
const UNITS: Readonly<Record<NorthEastArea, readonly (readonly [string, number])[]>> = {
  durham: [['County Durham', 522], ['Darlington', 108]],
  teesside: [['Hartlepool', 92], ['Middlesbrough', 144], ['Redcar and Cleveland', 137], ['Stockton-on-Tees', 197]],
  northumbria: [['Northumberland', 321], ['Newcastle', 300], ['North Tyneside', 209], ['South Tyneside', 148], ['Gateshead', 196], ['Sunderland', 274]],
};

export function isNorthEast(area: AreaCode): area is NorthEastArea {
  return (NORTH_EAST as readonly string[]).includes(area);
}

export function unitIn(r: Rng, area: NorthEastArea): string {
  return r.weighted(UNITS[area]);
}

export function otherUnitIn(r: Rng, area: NorthEastArea, unit: string): string | null {
  const others = UNITS[area].filter(([u]) => u !== unit);
  return others.length === 0 ? null : r.weighted(others);
}

/** Moves within the region: Durham borders both others; Teesside and Northumbria meet only through it. */
const NEIGHBOURS_IN_REGION: Readonly<Record<NorthEastArea, readonly (readonly [NorthEastArea, number])[]>> = {
  durham: [['teesside', 1], ['northumbria', 1]],
  teesside: [['durham', 3], ['northumbria', 1]],
  northumbria: [['durham', 3], ['teesside', 1]],
};

/** Where people move to and from outside the region, nearest most often. */
const ELSEWHERE: readonly (readonly [AreaCode, number])[] = [
  ['north-yorkshire', 5], ['cumbria', 3], ['west-yorkshire', 3], ['south-yorkshire', 2], ['humberside', 2],
  ['lancashire', 2], ['greater-manchester', 2], ['london', 2], ['west-midlands', 1], ['merseyside', 1],
];

export type Place = { readonly area: AreaCode; readonly unit: string };

export function placeInRegion(r: Rng, from: NorthEastArea): Place {
  const area = r.weighted(NEIGHBOURS_IN_REGION[from]);
  return { area, unit: unitIn(r, area) };
}

export function placeElsewhere(r: Rng): Place {
  const area = r.weighted(ELSEWHERE);
  return { area, unit: r.pick(unitsOf(area)) };
}
