import { availableParallelism } from 'node:os';
import type { StoreLocation } from '../config.js';
import type { RebuildWorkers } from './rebuild.js';

/**
 * A log up to this position is projected in one thread: a worker thread first loads the
 * engine's modules (a second or more of CPU), which a small log does not repay. (Positions are
 * event counts in SQLite and larger in EventStoreDB, so a large log always qualifies.)
 */
const WORKERS_FROM_POSITION = 100_000n;

/** One worker per core for whole-log projections of a large log, when the store can be opened again by another thread. */
export function rebuildWorkersFor(location: StoreLocation): RebuildWorkers | undefined {
  const count = availableParallelism();
  return location.kind === 'memory' || count < 2 ? undefined : { location, count, fromPosition: WORKERS_FROM_POSITION };
}
