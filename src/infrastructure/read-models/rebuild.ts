import { renameSync, rmSync } from 'node:fs';
import type { TimelineEntry } from '../../domain/case/timeline.js';
import type { EventStore } from '../eventstore/eventstore.js';
import { caseIdOf, isCaseStream, populationRow, PROJECTED_PREFIXES, projectCase, timelineEntry } from './project-case.js';
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
  const byCase = new Map<string, TimelineEntry[]>();
  const populations = new Map<string, PopulationRow>();
  let events = 0;
  let checkpoint: bigint | null = null;
  for await (const e of store.readAll({ streamPrefixes: PROJECTED_PREFIXES, batchSize: 5000 })) {
    events++;
    checkpoint = e.globalPosition;
    if (isCaseStream(e.streamName)) {
      const caseId = caseIdOf(e.streamName);
      const entries = byCase.get(caseId);
      if (entries) entries.push(timelineEntry(e));
      else byCase.set(caseId, [timelineEntry(e)]);
    } else {
      const row = populationRow(e);
      populations.set(`${row.area}/${row.year}`, row);
    }
    if (onProgress && events % 10_000 === 0) onProgress(events);
  }
  onProgress?.(events);
  const cases = byCase.size;
  fresh.load(projectAll(byCase), [...populations.values()], checkpoint);
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

function* projectAll(byCase: Map<string, TimelineEntry[]>): Generator<CaseOutputs> {
  for (const [caseId, entries] of byCase) {
    yield projectCase(caseId, entries);
    // Each case is dropped once projected, so peak memory is the grouped log, not twice it.
    byCase.delete(caseId);
  }
}
