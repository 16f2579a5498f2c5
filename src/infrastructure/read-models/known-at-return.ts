import { timelineOf } from '../../domain/case/timeline.js';
import { populationBasisOf, type AnnualReturn } from '../../projections/annual-return/return-types.js';
import { caseFacts, type CaseFacts } from '../../projections/annual-return/case-facts.js';
import { formatOf, returnFromCaseFacts, type ReturnQuery } from '../../projections/annual-return/assemble-return.js';
import { caseIdOf, isCaseStream, populationRow, PROJECTED_PREFIXES } from './project-case.js';
import { standingEntries } from '../stored-case-events.js';
import type { EventStore, StoredEvent } from '../eventstore/eventstore.js';

/** Every case's contribution to the returns and every population, as the log stood at an instant. */
type LogKnownAt = {
  readonly cases: readonly CaseFacts[];
  /** The latest population recorded by then, by reporting year and basis (`<year>/<basis>`), then area. */
  readonly populations: ReadonlyMap<string, Readonly<Record<string, number>>>;
};

/**
 * The log folded with only the events recorded by `knownAt`, so a submitted return can be
 * reproduced. It reads the whole log, which the read models exist to avoid; it is for this
 * question only, and one fold serves every year and area asked together.
 */
export async function logKnownAt(store: EventStore, knownAt: string): Promise<LogKnownAt> {
  const byCase = new Map<string, StoredEvent[]>();
  const populations = new Map<string, Record<string, number>>();
  for await (const e of store.readAll({ streamPrefixes: PROJECTED_PREFIXES, batchSize: 5000 })) {
    if (String(e.metadata['recordedAt']) > knownAt) continue;
    if (isCaseStream(e.streamName)) {
      const caseId = caseIdOf(e.streamName);
      const entries = byCase.get(caseId) ?? [];
      entries.push(e);
      byCase.set(caseId, entries);
    } else {
      const row = populationRow(e);
      const key = `${row.year}/${row.basis}`;
      const ofYear = populations.get(key) ?? {};
      ofYear[row.area] = row.population;
      populations.set(key, ofYear);
    }
  }
  const cases = [...byCase.values()].map((entries) => caseFacts(timelineOf(standingEntries(entries)))).filter((f): f is CaseFacts => f !== null);
  return { cases, populations };
}

/** One return from a fold of the log as known at its `knownAt`. */
export function returnFromLog(log: LogKnownAt, query: ReturnQuery & { readonly knownAt: string }): AnnualReturn {
  return returnFromCaseFacts(query, log.cases, log.populations.get(`${query.reportingYear}/${populationBasisOf(formatOf(query))}`) ?? {});
}

/** The return as it stood at an instant (see `logKnownAt`). */
export async function returnAsKnownAt(store: EventStore, query: ReturnQuery & { readonly knownAt: string }): Promise<AnnualReturn> {
  return returnFromLog(await logKnownAt(store, query.knownAt), query);
}
