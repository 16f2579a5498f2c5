import type { BusinessDate } from '../../domain/shared/business-date.js';
import { NATIONAL } from '../../domain/shared/areas.js';
import { standingTimeline } from '../../domain/case/retraction.js';
import type { AnnualReturn } from '../../projections/annual-return/return-types.js';
import { caseFacts, type CaseFacts } from '../../projections/annual-return/case-facts.js';
import { returnFromCaseFacts } from '../../projections/annual-return/assemble-return.js';
import { revisionsOf, type RecordedCaseEntry, type Revisions, type SubmittedReturn } from '../../projections/revisions/revisions.js';
import type { EventStore } from '../eventstore/eventstore.js';
import { metadataOf } from '../event-metadata.js';
import { recordedEvent } from '../stored-case-events.js';
import { caseIdOf, isCaseStream, populationRow, PROJECTED_PREFIXES } from './project-case.js';

/** The revisions of a submitted return, and the return now they are measured against. */
export type RevisionsQuestion = { readonly kind: 'revisions'; readonly submission: SubmittedReturn; readonly figuresOn: BusinessDate };
export type RevisionsAnswer = { readonly revisions: Revisions; readonly current: AnnualReturn };

/**
 * One read of the log for the revisions of a submission (docs/DOMAIN.md section 11): every case's
 * events with when and by which command they were recorded, the return now from the same read
 * (so the figures and their causes agree), and the populations recorded since the submission.
 */
export async function revisionsFromLog(store: EventStore, question: RevisionsQuestion): Promise<RevisionsAnswer> {
  const { submission } = question;
  const byCase = new Map<string, RecordedCaseEntry[]>();
  const populations: Record<string, number> = {};
  let latePopulations = 0;
  for await (const e of store.readAll({ streamPrefixes: PROJECTED_PREFIXES, batchSize: 5000 })) {
    if (isCaseStream(e.streamName)) {
      const caseId = caseIdOf(e.streamName);
      const entries = byCase.get(caseId) ?? [];
      entries.push({ ...recordedEvent(e), recordedAt: metadataOf(e).recordedAt, causationId: metadataOf(e).causationId });
      byCase.set(caseId, entries);
      continue;
    }
    const row = populationRow(e);
    if (row.year !== submission.reportingYear) continue;
    populations[row.area] = row.population;
    if (String(e.metadata['recordedAt']) > submission.knownAt && (submission.area === NATIONAL || row.area === submission.area)) latePopulations += 1;
  }
  const facts = [...byCase.values()].map((entries) => caseFacts(standingTimeline(entries))).filter((f): f is CaseFacts => f !== null);
  const current = returnFromCaseFacts({ area: submission.area, reportingYear: submission.reportingYear, format: submission.format, figuresOn: question.figuresOn }, facts, populations);
  return { revisions: revisionsOf({ submission, cases: byCase, current, latePopulations }), current };
}
