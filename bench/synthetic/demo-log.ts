import { existsSync, mkdtempSync, rmSync, statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BusinessDate } from '../../src/domain/shared/business-date.js';
import type { Actor } from '../../src/infrastructure/auth/actor.js';
import { manualClock } from '../../src/infrastructure/clock.js';
import type { EventStore } from '../../src/infrastructure/eventstore/eventstore.js';
import { openSqliteEventStore } from '../../src/infrastructure/eventstore/sqlite/index.js';
import { SealedPersonalData, type PersonalData } from '../../src/infrastructure/personal-data/personal-data.js';
import { SubjectKeysSqlite } from '../../src/infrastructure/personal-data/subject-keys-sqlite.js';
import { ProjectionsInThread } from '../../src/infrastructure/read-models/projections-in-thread.js';
import type { CaseScript } from './case-history.js';
import { issueHistory, type IssueReport } from './issue-history.js';
import { rng } from './prng.js';
import { recordPopulations, type PopulationFigure } from './record-population.js';

/** Room the biggest demo's store needs, with a margin (the North East log is under 40 MB). */
const MEMORY_ROOM_BYTES = 256 * 1024 * 1024;

function memoryBacked(): string | null {
  if (process.env['TMPDIR'] !== undefined || !existsSync('/dev/shm')) return null;
  try {
    const fs = statfsSync('/dev/shm');
    return fs.bavail * fs.bsize >= MEMORY_ROOM_BYTES ? '/dev/shm' : null;
  } catch {
    return null;
  }
}

/**
 * A fresh directory for a demo's store, removed with everything in it when the demo ends. The
 * log is thrown away, so durability buys nothing: where there is a memory-backed filesystem
 * with room (/dev/shm), it goes there, sparing the disk flush of every day entered, which on a
 * busy disk is most of a demo's time. The store itself is the product's, set up as in service.
 * TMPDIR, when set, decides instead.
 */
export function makeDemoDirectory(): { readonly path: string; remove(): void } {
  const path = mkdtempSync(join(memoryBacked() ?? tmpdir(), 'mappa-demo-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export type DemoHistory = {
  readonly scripts: readonly CaseScript[];
  /** Seeds the event ids, so the same history is the same log. */
  readonly seed: number;
  readonly actors: readonly Actor[];
  /** The day the populations are recorded: the last day of the history. */
  readonly end: BusinessDate;
  readonly populations: readonly PopulationFigure[];
};

export type DemoLog<T> = {
  readonly issued: IssueReport;
  /** Events in the log: the cases' and the populations'. */
  readonly storedEvents: number;
  readonly answer: T;
};

/**
 * What every demo does with its synthetic history: enters it day by day through the command
 * handler into a fresh SQLite store under `dir`, records the populations through the API,
 * brings the read models up to the log, and answers `read` from them.
 */
export async function withDemoLog<T>(
  dir: string,
  history: DemoHistory,
  /** Given the store and clock too, for a demo that goes on recording after it has read (a submission, a late record). */
  read: (projections: ProjectionsInThread, log: { readonly store: EventStore; readonly clock: ReturnType<typeof manualClock>; readonly personalData: PersonalData }) => Promise<T>,
): Promise<DemoLog<T>> {
  const store = openSqliteEventStore(join(dir, 'events.db'));
  // The subjects' keys where a server given MAPPA_DATA_DIR=<dir> finds them by default.
  const keys = new SubjectKeysSqlite(join(dir, 'mappa-keys.db'));
  const projections = new ProjectionsInThread(store, join(dir, 'read-models.db'));
  try {
    const clock = manualClock('2001-04-02T16:00:00.000Z');
    const ids = rng(history.seed).fork('event-ids');
    // Every case stays decided in the handler's cache: the whole history is small enough.
    const personalData = new SealedPersonalData(keys);
    const issued = await issueHistory(store, history.scripts, { clock, newId: ids.uuid, actors: history.actors, cacheSize: history.scripts.length, personalData });
    clock.set(`${history.end}T16:00:00.000Z`);
    await recordPopulations(store, clock, history.populations);
    await projections.start();
    // The history as entered: what `read` records after it is told apart by the demo itself.
    let storedEvents = 0;
    for await (const _ of store.readAll()) storedEvents++;
    const answer = await read(projections, { store, clock, personalData });
    return { issued, storedEvents, answer };
  } finally {
    await projections.close();
    await store.close();
    await keys.close();
  }
}

/** The demo's closing line: what was entered, and over which days. */
export function historyLine({ issued, storedEvents }: Omit<DemoLog<unknown>, 'answer'>): string {
  return (
    `History: ${issued.cases} cases, ${issued.commands} commands accepted (${issued.unchanged} changed nothing), ` +
    `${storedEvents} events stored (${issued.events} case events, ${storedEvents - issued.events} population), ` +
    `entered from ${issued.firstDay} to ${issued.lastDay}.`
  );
}
