import type { AreaCode } from '../../domain/shared/areas.js';
import type { ReportingYear } from '../../domain/shared/reporting-year.js';
import { revisedReturnAsText } from '../../projections/revisions/revisions-note.js';
import { londonDate, systemClock } from '../clock.js';
import type { EventStore } from '../eventstore/eventstore.js';
import { revisionsFromLog } from '../read-models/known-at-revisions.js';
import { asSubmittedReturn, submissionsOf } from '../returns/submissions.js';
import { CliFailure } from './fail.js';

/**
 * `mappa return --revisions`: the revisions of a submitted return since its submission (the
 * latest, or the one named), folded from the log as `GET /returns/{year}/revisions` folds it.
 * Text: the return now with each revised figure marked (R), then the revisions note; JSON: the
 * figure-by-figure revisions (without case ids: those are for reviewers, access-logged, over HTTP).
 */
export async function printRevisions(
  store: EventStore,
  query: { readonly area: AreaCode; readonly reportingYear: ReportingYear; readonly submissionId?: string | undefined; readonly format: 'text' | 'json' },
): Promise<void> {
  const submissions = await submissionsOf(store, query.area, query.reportingYear);
  const submission = query.submissionId === undefined ? submissions[submissions.length - 1] : submissions.find((s) => s.submissionId === query.submissionId);
  if (submission === undefined) {
    throw new CliFailure(query.submissionId === undefined ? `the ${query.reportingYear} return of ${query.area} has not been submitted` : `no submission ${query.submissionId} of the ${query.reportingYear} return of ${query.area}`, 1);
  }
  const { revisions, current } = await revisionsFromLog(store, { kind: 'revisions', submission: asSubmittedReturn(submission), figuresOn: londonDate(systemClock.now()) });
  if (query.format === 'json') {
    const changes = revisions.changes.map(({ caseIds: _caseIds, ...change }) => change);
    process.stdout.write(`${JSON.stringify({ ...revisions, changes }, null, 2)}\n`);
    return;
  }
  process.stdout.write(revisedReturnAsText(current, revisions));
  if (revisions.scale.cellsChanged === 0) process.stdout.write(`\nNo figure has been revised since the return submitted at ${submission.knownAt}.\n`);
}
