import { addDays, maxDate, type BusinessDate } from '../../../src/domain/shared/business-date.js';
import { placeElsewhere } from './places.js';
import type { Registrant } from './registrant.js';
import { leaveJurisdiction, sentenced } from './registrant-life.js';

type Way = 'recall' | 'remand' | 'sentence' | 'move-away' | 'death' | 'abroad';

/**
 * Takes someone counted on `snapshot` out of that day's count, in the months before it, by
 * one of the ways people leave the community caseload: recalled to prison, remanded or
 * sentenced (still inside on 31 March), moved out of the region, died, or gone abroad. Used
 * when a year's figure is lower than the people the story still has in the community.
 */
export function leaveTheCount(p: Registrant, snapshot: BusinessDate): Way {
  const r = p.r;
  const area = p.area;
  const on = r.dateBetween(maxDate(p.h.lastOn, addDays(snapshot, -150)), snapshot);
  const licence = p.licenceEnds;
  const ways: (readonly [Way, number])[] = [
    ['remand', 3],
    ['sentence', 2],
    ['move-away', 3],
    ['death', 0.1 + 20 * Math.min(0.05, Math.exp(-10.4 + 0.092 * p.ageOn(on)))],
  ];
  if (licence !== null && licence >= snapshot) ways.push(['recall', 3]);
  if (p.level === 1) ways.push(['abroad', 0.5]);
  const way = r.weighted(ways);
  const afterSnapshot = (days: number) => maxDate(addDays(on, days), addDays(snapshot, r.int(1, 90)));
  switch (way) {
    case 'recall':
      p.recall(on, afterSnapshot(r.int(28, 400)));
      break;
    case 'remand':
      p.takeIntoCustody(on, 'remand', afterSnapshot(r.int(14, 120)));
      break;
    case 'sentence':
      // 12 months or more: released at the halfway point, after 31 March.
      sentenced(p, on, { months: r.int(12, 60), basisAt: 'sentence' });
      break;
    case 'move-away':
      p.moveTo(on, placeElsewhere(r));
      break;
    case 'death':
      p.die(on);
      break;
    case 'abroad':
      leaveJurisdiction(p, on, addDays(snapshot, 1));
      break;
    default: {
      const unknown: never = way;
      throw new Error(`unknown way out ${String(unknown)}`);
    }
  }
  if (p.countsOn(snapshot, area)) throw new Error(`${p.h.caseId}: still counted on ${snapshot} after ${way}`);
  p.now = maxDate(p.now, snapshot);
  p.toldThrough = p.now;
  return way;
}
