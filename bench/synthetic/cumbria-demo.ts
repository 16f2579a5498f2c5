import { join } from 'node:path';
import type { AnnualReturn } from '../../src/projections/annual-return/annual-return.js';
import { returnAsText } from '../../src/projections/annual-return/render-text.js';
import { manualClock } from '../../src/infrastructure/clock.js';
import { openSqliteEventStore } from '../../src/infrastructure/eventstore/sqlite/index.js';
import { Projections } from '../../src/infrastructure/read-models/projections.js';
import { HISTORY_END, REPORTING_YEAR } from './cumbria/calendar.js';
import { CUMBRIA_SEED, cumbriaHistory } from './cumbria-2008-09.js';
import { issueHistory, type IssueReport } from './issue-history.js';
import { rng } from './prng.js';
import { recordPopulations } from './record-population.js';

/**
 * Cumbria's population for 2008-09 as the report implies it, not a census figure: 290
 * registered sexual offenders at 59 per 100,000 (rounded half up) needs a population between
 * 487,396 and 495,726; mid-2008 estimates for Cumbria were about 496,000, so this is the
 * report's own figure read back, near the top of what its rate allows.
 */
export const CUMBRIA_POPULATION_2008_09 = 491_500;

export type DemoOutcome = {
  readonly result: AnnualReturn;
  readonly text: string;
  readonly issued: IssueReport;
  /** Events in the log: the cases' and the population's. */
  readonly storedEvents: number;
};

/** Builds the synthetic history in a fresh SQLite store under `dir`, projects it and answers the 2008-09 return. */
export async function runCumbriaDemo(dir: string, seed = CUMBRIA_SEED): Promise<DemoOutcome> {
  const store = openSqliteEventStore(join(dir, 'events.db'));
  const projections = new Projections(store, join(dir, 'read-models.db'));
  try {
    const clock = manualClock('2001-04-02T16:00:00.000Z');
    const ids = rng(seed).fork('event-ids');
    const issued = await issueHistory(store, cumbriaHistory(seed), {
      clock,
      newId: ids.uuid,
      actors: [
        { id: 'cumbria-mappa-coordinator-1', role: 'coordinator', agency: 'police' },
        { id: 'cumbria-mappa-coordinator-2', role: 'coordinator', agency: 'probation' },
      ],
    });
    clock.set(`${HISTORY_END}T16:00:00.000Z`);
    await recordPopulations(store, clock, [
      { area: 'cumbria', reportingYear: REPORTING_YEAR, population: CUMBRIA_POPULATION_2008_09, source: 'implied by the 2008-09 MAPPA annual report (R09 rate 59 for 290 RSOs)' },
    ]);
    await projections.start();
    const result = await projections.annualReturn({ area: 'cumbria', reportingYear: REPORTING_YEAR });
    let storedEvents = 0;
    for await (const _ of store.readAll()) storedEvents++;
    return { result, text: returnAsText(result), issued, storedEvents };
  } finally {
    await projections.close();
    await store.close();
  }
}
