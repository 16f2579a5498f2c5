import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { EventStore } from '../eventstore/eventstore.js';
import { knownAtInWorker } from './known-at-returns.js';
import type { ProjectionService } from './projection-service.js';
import { ProjectionsInThread } from './projections-in-thread.js';
import { ProjectionsInWorker } from './projections-in-worker.js';
import { rebuildWorkersFor } from './rebuild-workers-for.js';

/** The projections as a server runs them: started without being waited for, closed with the server. */
export type ServedProjections = ProjectionService & {
  startInBackground(): void | Promise<void>;
  /** Appends were committed through the server's store (a worker on another connection is told). */
  noticeCommit?(): void;
};

/**
 * A server's projections: in a worker thread, with `knownAt` returns folded in another, when
 * the store and the read models can be opened again by another thread (SQLite files,
 * EventStoreDB); in this thread otherwise (the in-memory store, for development and tests),
 * still catching up in the background.
 */
export function openProjections(
  config: Pick<Config, 'store' | 'readModels'>,
  store: EventStore,
  hooks: {
    readonly clock?: Clock;
    readonly onError?: (error: unknown) => void;
    readonly onRetry?: (error: unknown, delayMs: number) => void;
    readonly onRebuildFromLog?: (reason: string) => void;
  },
): ServedProjections {
  const rebuildWorkers = rebuildWorkersFor(config.store);
  if (config.store.kind === 'memory' || config.readModels === ':memory:') {
    return new ProjectionsInThread(store, config.readModels, { ...hooks, ...(rebuildWorkers && { rebuildWorkers }) });
  }
  return new ProjectionsInWorker({
    location: config.store,
    path: config.readModels,
    knownAt: knownAtInWorker(config.store),
    ...hooks,
    ...(rebuildWorkers && { rebuildWorkers }),
  });
}
