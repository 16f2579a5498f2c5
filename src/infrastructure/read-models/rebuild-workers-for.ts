import { availableParallelism } from 'node:os';
import type { StoreLocation } from '../config.js';
import type { RebuildWorkers } from './rebuild.js';

/** One worker per core for whole-log projections, when the store can be opened again by another thread. */
export function rebuildWorkersFor(location: StoreLocation): RebuildWorkers | undefined {
  const count = availableParallelism();
  return location.kind === 'memory' || count < 2 ? undefined : { location, count };
}
