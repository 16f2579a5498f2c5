import { parentPort, workerData } from 'node:worker_threads';
import { addCaseFacts, emptySums } from '../../projections/annual-return/fact-sums.js';
import type { StoreLocation } from '../config.js';
import { streams } from '../eventstore/stream-names.js';
import { openConfiguredStore } from '../eventstore/open-configured-store.js';
import { caseIdOf, PROJECTED_METADATA, projectCase } from './project-case.js';
import { projectedEntry, standingEntries } from '../stored-case-events.js';
import type { CaseAreaRow, OpenCaseRow } from './read-models.js';

/**
 * One partition of a rebuild, in a worker thread (rebuild-in-workers.ts): its cases read from
 * the store stream by stream, projected, their open caseload rows sent in batches and their
 * contributions summed, then the sums sent once.
 */
export type RebuildWorkerData = { readonly location: StoreLocation; readonly upTo: bigint; readonly partition: { readonly index: number; readonly count: number } };
export type RebuildWorkerMessage =
  | { readonly kind: 'cases'; readonly rows: readonly OpenCaseRow[]; readonly areas: readonly CaseAreaRow[]; readonly events: number }
  | { readonly kind: 'done'; readonly sums: ReturnType<typeof emptySums>; readonly cases: number; readonly events: number };

const { location, upTo, partition } = workerData as RebuildWorkerData;
const port = parentPort!;
const store = openConfiguredStore(location);
try {
  const sums = emptySums();
  let rows: OpenCaseRow[] = [];
  let areas: CaseAreaRow[] = [];
  let events = 0;
  let cases = 0;
  let sentEvents = 0;
  for await (const stream of store.readStreams(streams.casePrefix, { upTo, partition, metadataFields: PROJECTED_METADATA })) {
    const caseId = caseIdOf(stream[0]!.streamName);
    const { caseload, facts } = projectCase(caseId, standingEntries(stream, projectedEntry));
    if (facts) addCaseFacts(sums, facts);
    if (caseload !== null) areas.push([caseId, caseload.area, caseload.version, caseload.open ? null : caseload.closedOn]);
    if (caseload?.open) rows.push({ caseId, area: caseload.area, level: caseload.level, leadAgency: caseload.leadAgency, entry: JSON.stringify(caseload) });
    cases++;
    events += stream.length;
    if (areas.length >= 2000) {
      port.postMessage({ kind: 'cases', rows, areas, events: events - sentEvents } satisfies RebuildWorkerMessage);
      sentEvents = events;
      rows = [];
      areas = [];
    }
  }
  port.postMessage({ kind: 'cases', rows, areas, events: events - sentEvents } satisfies RebuildWorkerMessage);
  port.postMessage({ kind: 'done', sums, cases, events } satisfies RebuildWorkerMessage);
} finally {
  await store.close();
}
