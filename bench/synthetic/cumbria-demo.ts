import type { AnnualReturn } from '../../src/projections/annual-return/return-types.js';
import { returnAsText } from '../../src/projections/annual-return/render-text.js';
import { HISTORY_END, REPORTING_YEAR } from './cumbria/calendar.js';
import { CUMBRIA_SEED, cumbriaHistory } from './cumbria-2008-09.js';
import { historyLine, withDemoLog } from './demo-log.js';
import type { IssueReport } from './issue-history.js';
import { submitThenReviseLate, type LateRecord, type SubmissionAndRevision } from './submission-and-revision.js';

/**
 * Cumbria's population for 2008-09 as the report implies it, not a census figure: 290
 * registered sexual offenders at 59 per 100,000 (rounded half up) needs a population between
 * 487,396 and 495,726; mid-2008 estimates for Cumbria were about 496,000, so this is the
 * report's own figure read back, near the top of what its rate allows.
 */
export const CUMBRIA_POPULATION_2008_09 = 491_500;

/**
 * A fact of 2008-09 recorded after the return was submitted: a registered sexual offender
 * cautioned in February 2009, referred then but recorded only in October 2009. It revises the
 * submitted return (docs/DOMAIN.md section 11); the demo prints the revisions note.
 */
export const LATE_RECORD: LateRecord = {
  caseId: 'cumbria-late-2009-0001',
  recordedAt: '2009-10-05T11:00:00.000Z',
  command: {
    type: 'ReferOffender', occurredOn: '2009-02-16', area: 'cumbria', localUnit: 'West BCU', leadAgency: 'police',
    subject: { ref: 'SYN-LATE-0001', dateOfBirth: '1968-07-21' },
    basis: { kind: 'registered-sexual-offender', basisId: 'rso-1', relevantDate: '2009-02-09', disposal: 'caution' },
  },
};

export type DemoOutcome = {
  /** The 2008-09 return as submitted: the seed report's table. */
  readonly result: AnnualReturn;
  /** Absent when the demo was asked to stop at the return (the browser tests record their own). */
  readonly submission?: SubmissionAndRevision;
  readonly text: string;
  readonly issued: IssueReport;
  /** Events in the log: the cases' and the population's. */
  readonly storedEvents: number;
};

/** Builds the synthetic history in a fresh SQLite store under `dir`, projects it and answers the 2008-09 return. */
export async function runCumbriaDemo(dir: string, seed = CUMBRIA_SEED, options: { readonly submitAndReviseLate?: boolean } = {}): Promise<DemoOutcome> {
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
    async (projections, { store, clock, personalData }) => {
      const result = await projections.annualReturn({ area: 'cumbria', reportingYear: REPORTING_YEAR });
      if (options.submitAndReviseLate === false) return { result, submission: undefined };
      const submission = await submitThenReviseLate(store, clock, projections, { area: 'cumbria', reportingYear: REPORTING_YEAR }, LATE_RECORD, personalData);
      return { result, submission };
    },
  );
  const { result, submission } = log.answer;
  const text = `${returnAsText(result)}\n${historyLine(log)}\n${submission === undefined ? '' : `\n${submissionLines(submission)}`}`;
  return { result, ...(submission !== undefined && { submission }), text, issued: log.issued, storedEvents: log.storedEvents };
}

function submissionLines({ submission, late, retracted, revisions, revisedText }: SubmissionAndRevision): string {
  const note = revisedText.slice(revisedText.lastIndexOf('\nRevisions: ') + 1);
  return [
    `Submitted: the ${REPORTING_YEAR} return above, as known at ${submission.knownAt}, digest ${submission.digest}.`,
    `Recorded after it, on ${late.recordedAt.slice(0, 10)}: ${late.command.type} of case ${late.caseId}, dated ${late.command.occurredOn}.`,
    `Corrected after it, on ${retracted.recordedAt.slice(0, 10)}: the breach of ${retracted.occurredOn} on case ${retracted.caseId}, entered twice, retracted (RetractEvents).`,
    ...revisions.changes.map((c) => `  ${c.rowId} ${c.cell}: ${c.submitted ?? 'none'} submitted, ${c.current ?? 'none'} now (R)`),
    note.trimEnd(),
    '',
  ].join('\n');
}
