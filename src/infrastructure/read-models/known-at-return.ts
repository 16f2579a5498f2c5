import type { TimelineEntry } from '../../domain/case/timeline.js';
import { timelineOf } from '../../domain/case/timeline.js';
import type { AnnualReturn } from '../../projections/annual-return/annual-return.js';
import { caseFacts, type CaseFacts } from '../../projections/annual-return/case-facts.js';
import { returnFromCaseFacts, type ReturnQuery } from '../../projections/annual-return/compute-return.js';
import type { EventStore } from '../eventstore/eventstore.js';
import { caseIdOf, isCaseStream, populationRow, PROJECTED_PREFIXES } from './project-case.js';
import { timelineEntry } from '../stored-case-events.js';

/**
 * The return as it stood at an instant: folded from the log, using only events recorded by
 * then, so a submitted return can be reproduced. It reads the whole log, which the read
 * models exist to avoid; it is for this question only.
 */
export async function returnAsKnownAt(store: EventStore, query: ReturnQuery & { readonly knownAt: string }): Promise<AnnualReturn> {
  const byCase = new Map<string, TimelineEntry[]>();
  const populations: Record<string, number> = {};
  for await (const e of store.readAll({ streamPrefixes: PROJECTED_PREFIXES, batchSize: 5000 })) {
    if (String(e.metadata['recordedAt']) > query.knownAt) continue;
    if (isCaseStream(e.streamName)) {
      const caseId = caseIdOf(e.streamName);
      const entries = byCase.get(caseId) ?? [];
      entries.push(timelineEntry(e));
      byCase.set(caseId, entries);
    } else {
      const row = populationRow(e);
      if (row.year === query.reportingYear) populations[row.area] = row.population;
    }
  }
  const facts = [...byCase.values()].map((entries) => caseFacts(timelineOf(entries))).filter((f): f is CaseFacts => f !== null);
  return returnFromCaseFacts(query, facts, populations);
}
