import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AREA_CODES } from '../../../src/domain/shared/areas.js';
import type { BusinessDate } from '../../../src/domain/shared/business-date.js';
import type { Actor } from '../../../src/infrastructure/auth/actor.js';
import { manualClock } from '../../../src/infrastructure/clock.js';
import { streams } from '../../../src/infrastructure/eventstore/stream-names.js';
import { openSqliteEventStore } from '../../../src/infrastructure/eventstore/sqlite/index.js';
import { rng, type Rng } from '../prng.js';
import { recordPopulations } from '../record-population.js';
import { populationIn, reportingYearsBetween } from './areas.js';
import { CaseSimulation } from './case-simulation.js';
import { simulateNationalCase } from './national-life.js';

/** What names one generated log: change the generator's behaviour and bump `generator`. */
export type NationalLogParameters = { readonly generator: number; readonly seed: number; readonly cases: number; readonly end: BusinessDate };

export const NATIONAL_LOG: NationalLogParameters = { generator: 1, seed: 20_250_930, cases: 360_000, end: '2025-09-30' };

export type NationalLogFile = {
  readonly path: string;
  readonly parameters: NationalLogParameters;
  readonly cases: number;
  readonly events: number;
  /** Seconds this run spent generating it; null when it came from the cache. */
  readonly generatedInSeconds: number | null;
};

const CASES_PER_COMMIT = 500;

/**
 * Event ids in the layout of a UUID version 7: a counter where v7 has its timestamp, so ids
 * rise in the order they are written (as v7 ids do) and the unique index grows at its end.
 */
function sequentialUuids(r: Rng): () => string {
  let counter = 0;
  const hex = (n: number, digits: number) => n.toString(16).padStart(digits, '0');
  return () => {
    const n = ++counter;
    const high = Math.floor(n / 0x10000);
    const tail = `${hex(r.int(0, 0xffff), 4)}${hex(r.int(0, 0xffff), 4)}${hex(r.int(0, 0xffff), 4)}`;
    return `${hex(high, 8)}-${hex(n & 0xffff, 4)}-7${hex(r.int(0, 0xfff), 3)}-${hex(0x8000 | r.int(0, 0x3fff), 4)}-${tail}`;
  };
}

const coordinators = new Map<string, Actor>(AREA_CODES.map((area) => [area, { id: `${area}-mappa-coordinator`, role: 'coordinator', agency: 'probation' }]));

/**
 * The national synthetic log in a SQLite file under `dir`, generated once per set of
 * parameters and kept (the bench reuses it). Cases are decided by the pure decider and each
 * case's events appended in one batch, many cases per group commit; every area's population
 * is recorded for every year through the HTTP route, as an administrator would.
 */
export async function nationalLog(dir: string, parameters: NationalLogParameters = NATIONAL_LOG, log: (line: string) => void = () => undefined): Promise<NationalLogFile> {
  const key = createHash('sha256').update(JSON.stringify(parameters)).digest('hex').slice(0, 12);
  const path = join(dir, `national-${key}.db`);
  const summary = `${path}.json`;
  if (existsSync(path) && existsSync(summary)) {
    const { cases, events } = JSON.parse(readFileSync(summary, 'utf8')) as { cases: number; events: number };
    return { path, parameters, cases, events, generatedInSeconds: null };
  }
  mkdirSync(dir, { recursive: true });
  const building = `${path}.partial`;
  for (const suffix of ['', '-wal', '-shm']) rmSync(building + suffix, { force: true });

  const started = performance.now();
  const root = rng(parameters.seed);
  const newId = sequentialUuids(root.fork('event-ids'));
  const store = openSqliteEventStore(building);
  let events = 0;
  try {
    for (let first = 0; first < parameters.cases; first += CASES_PER_COMMIT) {
      const appends: Promise<unknown>[] = [];
      for (let i = first; i < Math.min(parameters.cases, first + CASES_PER_COMMIT); i++) {
        const caseId = `ew-${String(i + 1).padStart(7, '0')}`;
        const sim = new CaseSimulation(caseId, root.fork(`${caseId}/entry`), newId, (area) => coordinators.get(area)!, parameters.end);
        simulateNationalCase(sim, root.fork(caseId), parameters.end);
        events += sim.events.length;
        appends.push(store.appendToStream(streams.case(caseId), sim.events, { expectedVersion: 'no_stream' }));
      }
      // Appends queued in one turn of the event loop commit together.
      await Promise.all(appends);
      if ((first / CASES_PER_COMMIT) % 20 === 19) log(`  ${first + CASES_PER_COMMIT} cases, ${events} events, ${((performance.now() - started) / 1000).toFixed(0)} s`);
    }
    const clock = manualClock(`${parameters.end}T16:00:00.000Z`);
    const years = reportingYearsBetween(2001, Number(parameters.end.slice(0, 4)));
    await recordPopulations(
      store,
      clock,
      AREA_CODES.flatMap((area) => years.map((reportingYear) => ({ area, reportingYear, population: populationIn(area, reportingYear), basis: 'all-ages', source: 'synthetic: 2011 census, rounded, grown 0.6% a year' }))),
    );
    events += AREA_CODES.length * years.length;
    // Everything into the main file, so the cached log is one file.
    store.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    await store.close();
  }
  for (const suffix of ['-wal', '-shm', '']) if (existsSync(building + suffix)) renameSync(building + suffix, path + suffix);
  writeFileSync(summary, JSON.stringify({ parameters, cases: parameters.cases, events }, null, 2));
  return { path, parameters, cases: parameters.cases, events, generatedInSeconds: (performance.now() - started) / 1000 };
}
