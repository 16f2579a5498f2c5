import { renameSync, rmSync } from 'node:fs';
import type { TimelineEntry } from '../../domain/case/timeline.js';
import type { EventStore } from '../eventstore/eventstore.js';
import { caseIdOf, isCaseStream, populationRow, PROJECTED_PREFIXES, projectCase, projectedEntry } from './project-case.js';
import type { CaseOutputs, PopulationRow, ReadModels } from './read-models.js';

export type RebuildReport = { readonly events: number; readonly cases: number; readonly checkpoint: bigint | null };

const removeDatabaseFiles = (path: string) => {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(path + suffix, { force: true });
};

/**
 * Projects the whole log into empty read models: the same fold as live updates (projectCase),
 * fed every case's events at once.
 */
export async function projectLogInto(store: EventStore, fresh: ReadModels, onProgress?: (events: number) => void): Promise<RebuildReport> {
  const byStream = new Map<string, TimelineEntry[]>();
  const populations = new Map<string, PopulationRow>();
  let events = 0;
  let checkpoint: bigint | null = null;
  // Pages of 1,000: a page's parsed events (most of them garbage once grouped) stay small
  // enough to die young; pages of 5,000 were promoted to the old generation wholesale, which
  // doubled the time spent in the young-generation collector on a national log.
  for await (const e of store.readAll({ streamPrefixes: PROJECTED_PREFIXES, batchSize: 1000 })) {
    events++;
    checkpoint = e.globalPosition;
    if (isCaseStream(e.streamName)) {
      // By stream name: the case id is cut from it once per case, not once per event.
      const entries = byStream.get(e.streamName);
      if (entries) entries.push(projectedEntry(e));
      else byStream.set(e.streamName, [projectedEntry(e)]);
    } else {
      const row = populationRow(e);
      populations.set(`${row.area}/${row.year}`, row);
    }
    if (onProgress && events % 10_000 === 0) onProgress(events);
  }
  onProgress?.(events);
  const cases = byStream.size;
  fresh.load(projectAll(byStream), [...populations.values()], checkpoint);
  return { events, cases, checkpoint };
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

function* projectAll(byStream: Map<string, TimelineEntry[]>): Generator<CaseOutputs> {
  for (const [streamName, entries] of byStream) {
    yield projectCase(caseIdOf(streamName), entries);
    // Each case is dropped once projected, so peak memory is the grouped log, not twice it.
    byStream.delete(streamName);
  }
}
