import { firstDayOf, reportingYearStarting, snapshotDayOf } from '../../src/domain/shared/reporting-year.js';
import { CaseHistory, type CaseScript } from './case-history.js';
import { MAPPA_START } from './milestones.js';
import { newRegistrant, transferredIn, type Period } from './north-east/arrivals.js';
import { leaveTheCount } from './north-east/leaving-the-count.js';
import { NORTH_EAST, PUBLISHED_RSOS, PUBLISHED_YEARS, type NorthEastArea } from './north-east/published.js';
import type { Registrant } from './north-east/registrant.js';
import { liveUntil } from './north-east/registrant-life.js';
import { rng } from './prng.js';

export const NORTH_EAST_SEED = 20240331;
/** The history runs on after the last figure's 31 March, as a live system would. */
export const NORTH_EAST_HISTORY_END = '2024-09-30';
/**
 * The engine goes into service with the first year the demo prints: the run-in is migrated
 * into it on 31 March 2010 (each case's history through the command handler, in order), and
 * from then on coordinators enter what happens on their working days, Monday to Friday.
 */
export const IN_SERVICE_FROM = '2010-04-01';

/**
 * Before 2010-11 the story aims at a caseload that grows fast in MAPPA's first years (the
 * register's earlier years being referred) and then steadily into the first published figure,
 * the shape of the national figures of the 2000s: these are the shares of that figure on 31
 * March 2002 to 2010.
 */
const RUN_IN_SHARES = [0.5, 0.58, 0.66, 0.72, 0.77, 0.82, 0.87, 0.91, 0.955] as const;
const FIRST_RUN_IN_YEAR = 2001;
/** Every year at least this share of the figure is newly in the community (registered, released, moved in). */
const MIN_NEWLY_COUNTED = 0.06;
/** Of those newly counted, the share who moved in from outside the region. */
const MOVED_IN = 0.12;

type Target = Period & { readonly figures: Readonly<Record<NorthEastArea, number>> };

function targets(): Target[] {
  const out: Target[] = [];
  RUN_IN_SHARES.forEach((share, i) => {
    const start = FIRST_RUN_IN_YEAR + i;
    const year = reportingYearStarting(start);
    const figures = Object.fromEntries(NORTH_EAST.map((a) => [a, Math.round(PUBLISHED_RSOS[a][0]! * share)])) as Record<NorthEastArea, number>;
    out.push({ year, from: i === 0 ? MAPPA_START : firstDayOf(year), snapshot: snapshotDayOf(year), figures });
  });
  PUBLISHED_YEARS.forEach((year, i) => {
    const figures = Object.fromEntries(NORTH_EAST.map((a) => [a, PUBLISHED_RSOS[a][i]!])) as Record<NorthEastArea, number>;
    out.push({ year, from: firstDayOf(year), snapshot: snapshotDayOf(year), figures });
  });
  return out;
}

/** How a year's figure was reached: who was still counted, who had to leave the count, who came in. */
export type YearSteering = {
  readonly year: string;
  readonly area: NorthEastArea;
  readonly figure: number;
  /** Counted on 31 March from the cases already in the story, before any newcomer of the year. */
  readonly stillCounted: number;
  /** Of those, taken out of the count before 31 March (custody, a move away, death, abroad). */
  readonly leftTheCount: number;
  /** New cases of the year counted on 31 March. */
  readonly newlyCounted: number;
  /** New cases of the year not counted on 31 March (in prison, or already lapsed, moved or dead). */
  readonly newNotCounted: number;
};

export type NorthEastHistory = { readonly scripts: CaseScript[]; readonly steering: YearSteering[] };

/**
 * Durham, Teesside and Northumbria's registered sexual offenders from the start of MAPPA to
 * September 2024, built to reach the published figures. Year by year every case lives on
 * (releases, lapses, recalls, moves, deaths...); then, for each area, whoever the story has in
 * the community on 31 March is counted the way the engine counts, and the year's newcomers
 * (convicted or cautioned, referred before release, moving in) are added one by one until the
 * figure is reached, with in-prison newcomers arising along the way. When more people are
 * still counted than the figure leaves room for, some of them leave the count before 31 March
 * by one of the ordinary ways out. Nothing writes a count: the engine counts these cases.
 */
export function northEastHistory(seed = NORTH_EAST_SEED): NorthEastHistory {
  const root = rng(seed);
  const all: Registrant[] = [];
  let live: Registrant[] = [];
  const steering: YearSteering[] = [];
  const newCase = () => {
    const caseId = `ne-${String(all.length + 1).padStart(5, '0')}`;
    const h = new CaseHistory(caseId, root.fork(`${caseId}/entry`), NORTH_EAST_HISTORY_END, { weekdaysOnly: true, liveFrom: IN_SERVICE_FROM });
    return { h, r: root.fork(caseId) };
  };

  for (const period of targets()) {
    for (const p of live) liveUntil(p, period.snapshot);
    for (const area of NORTH_EAST) {
      const r = root.fork(`${period.year}/${area}`);
      const figure = period.figures[area];
      const counted = live.filter((p) => p.countsOn(period.snapshot, area));
      const room = figure - Math.ceil(MIN_NEWLY_COUNTED * figure);
      const leaving = r.shuffle(counted).slice(0, Math.max(0, counted.length - room));
      for (const p of leaving) leaveTheCount(p, period.snapshot);
      let needed = figure - counted.length + leaving.length;
      let notCounted = 0;
      while (needed > 0) {
        const { h, r: life } = newCase();
        const p = r.chance(MOVED_IN) ? transferredIn(h, life, area, period) : newRegistrant(h, life, area, period);
        liveUntil(p, period.snapshot, { movesInRegion: false });
        all.push(p);
        live.push(p);
        if (p.countsOn(period.snapshot, area)) needed--;
        else notCounted++;
      }
      steering.push({
        year: period.year, area, figure, stillCounted: counted.length, leftTheCount: leaving.length,
        newlyCounted: figure - counted.length + leaving.length, newNotCounted: notCounted,
      });
    }
    live = live.filter((p) => !p.gone);
  }
  for (const p of live) liveUntil(p, NORTH_EAST_HISTORY_END);
  return { scripts: all.map((p) => p.h.script()), steering };
}
