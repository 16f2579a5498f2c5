import { renameSync, rmSync } from 'node:fs';
import { type EventLog, type EventStore } from '../eventstore/eventstore.js';
import { streams } from '../eventstore/stream-names.js';
import { caseIdOf, populationRow, PROJECTED_METADATA, projectCase, type CaseProjector } from './project-case.js';
import { projectedEntry, standingEntries } from '../stored-case-events.js';
import type { PopulationRow, ReadModelLoader, ReadModels } from './read-models.js';
import { foldSubjectEvents, type SubjectStandingRow } from './subject-standings-table.js';
import { projectCasesInWorkers, type RebuildWorkers } from './rebuild-in-workers.js';

export type { RebuildWorkers } from './rebuild-in-workers.js';

export type RebuildReport = { readonly events: number; readonly cases: number; readonly checkpoint: bigint | null };

const removeDatabaseFiles = (path: string) => {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(path + suffix, { force: true });
};

/**
 * Projects the log into empty read models, up to its head when the rebuild starts (one
 * consistent cut: appends made meanwhile are left to the live runner). Cases arrive stream by
 * stream, each whole, so each is projected and dropped at once; with workers, the cases are
 * split between threads by a hash of their stream name.
 */
export async function projectLogInto(
  store: EventStore,
  fresh: ReadModels,
  options: { readonly onProgress?: (events: number) => void; readonly workers?: RebuildWorkers; readonly project?: CaseProjector } = {},
): Promise<RebuildReport> {
  const storeId = await store.storeId();
  const upTo = await store.headPosition();
  const upToEventId = upTo === null ? null : await store.eventIdAt(upTo);
  const loader = fresh.loader();
  try {
    let counted = { events: 0, cases: 0 };
    if (upTo !== null) {
      counted = options.workers && options.workers.count > 1 && options.workers.location.kind !== 'memory' && upTo >= (options.workers.fromPosition ?? 0n)
        ? await projectCasesInWorkers(options.workers, upTo, loader, (partition) => projectCasesHere(store, upTo, loader, { partition }), options.onProgress)
        : await projectCasesHere(store, upTo, loader, { ...(options.onProgress && { onProgress: options.onProgress }), ...(options.project && { project: options.project }) });
    }
    const populations = upTo === null ? { rows: [], events: 0 } : await populationsUpTo(store, upTo);
    const subjects = upTo === null ? { rows: [], events: 0 } : await subjectsUpTo(store, upTo);
    if (upTo !== null && upToEventId === null) throw new Error(`the event store has no event at its own head position ${upTo}`);
    loader.finish(populations.rows, subjects.rows, upTo === null ? null : { position: upTo, eventId: upToEventId! }, storeId);
    const events = counted.events + populations.events + subjects.events;
    options.onProgress?.(events);
    return { events, cases: counted.cases, checkpoint: upTo };
  } catch (error) {
    loader.abort();
    throw error;
  }
}

async function projectCasesHere(
  store: EventLog,
  upTo: bigint,
  loader: ReadModelLoader,
  options: { onProgress?: (events: number) => void; partition?: { index: number; count: number }; project?: CaseProjector },
) {
  const { onProgress, partition, project = projectCase } = options;
  let events = 0;
  let cases = 0;
  for await (const stream of store.readStreams(streams.casePrefix, { upTo, metadataFields: PROJECTED_METADATA, ...(partition && { partition }) })) {
    loader.addCase(project(caseIdOf(stream[0]!.streamName), standingEntries(stream, projectedEntry)));
    cases++;
    const before = events;
    events += stream.length;
    if (onProgress && Math.floor(events / 10_000) !== Math.floor(before / 10_000)) onProgress(events);
  }
  return { events, cases };
}

/** The latest population recorded for each area, year and basis (an area's stream is in recording order). */
async function populationsUpTo(store: EventLog, upTo: bigint): Promise<{ rows: PopulationRow[]; events: number }> {
  const rows = new Map<string, PopulationRow>();
  let events = 0;
  for await (const stream of store.readStreams(streams.areaPrefix, { upTo })) {
    for (const e of stream) {
      const row = populationRow(e);
      rows.set(`${row.area}/${row.year}/${row.basis}`, row);
      events++;
    }
  }
  return { rows: [...rows.values()], events };
}

/** Each case's data-protection standing, folded from its stream (a handful of events each). */
async function subjectsUpTo(store: EventLog, upTo: bigint): Promise<{ rows: SubjectStandingRow[]; events: number }> {
  const rows: SubjectStandingRow[] = [];
  let events = 0;
  for await (const stream of store.readStreams(streams.subjectPrefix, { upTo })) {
    rows.push(...foldSubjectEvents(stream, () => null));
    events += stream.length;
  }
  return { rows, events };
}

/** Puts a finished read-model file in place of the old one (closed by the caller) with a rename. */
export function replaceReadModelFile(building: string, target: string): void {
  removeDatabaseFiles(target);
  renameSync(building, target);
}

export function freshReadModelFile(target: string): string {
  const building = `${target}.rebuilding`;
  removeDatabaseFiles(building);
  return building;
}
