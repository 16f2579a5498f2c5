import type { AnnualReturn } from '../../src/projections/annual-return/return-types.js';
import { returnAsText } from '../../src/projections/annual-return/render-text.js';
import { HISTORY_END, REPORTING_YEAR } from './cumbria/calendar.js';
import { CUMBRIA_SEED, cumbriaHistory } from './cumbria-2008-09.js';
import { historyLine, withDemoLog } from './demo-log.js';
import type { IssueReport } from './issue-history.js';

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
  const log = await withDemoLog(
    dir,
    {
      scripts: cumbriaHistory(seed),
      seed,
      actors: [
        { id: 'cumbria-mappa-coordinator-1', role: 'coordinator', agency: 'police' },
        { id: 'cumbria-mappa-coordinator-2', role: 'coordinator', agency: 'probation' },
      ],
      end: HISTORY_END,
      populations: [
        {
          area: 'cumbria', reportingYear: REPORTING_YEAR, population: CUMBRIA_POPULATION_2008_09, basis: 'all-ages',
          source: 'implied by the 2008-09 MAPPA annual report (R09 rate 59 for 290 RSOs)',
        },
      ],
    },
    (projections) => projections.annualReturn({ area: 'cumbria', reportingYear: REPORTING_YEAR }),
  );
  const result = log.answer;
  return { result, text: `${returnAsText(result)}\n${historyLine(log)}\n`, issued: log.issued, storedEvents: log.storedEvents };
}
