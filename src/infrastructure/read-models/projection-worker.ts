import { parentPort, workerData } from 'node:worker_threads';
import type { StoreLocation } from '../config.js';
import { openConfiguredStore } from '../eventstore/open-configured-store.js';
import type { SqliteEventStore } from '../eventstore/sqlite/index.js';
import type { CaseProjector } from './project-case.js';
import type { ProjectionsStatus } from './projection-service.js';
import { ProjectionsInThread } from './projections-in-thread.js';
import type { RebuildReport, RebuildWorkers } from './rebuild.js';

/**
 * The projections of a server, in a worker thread of their own (projections-in-worker.ts starts
 * it): the thread opens the store and the read-model file itself, catches up, follows the log,
 * and tells the server thread where it stands (a heartbeat), when it swaps in a rebuilt file,
 * and what went wrong. Nothing it folds can hold up the server's event loop.
 */
export type ProjectionWorkerData = {
  readonly location: StoreLocation;
  readonly path: string;
  readonly rebuildWorkers?: RebuildWorkers;
};

export type ToProjectionWorker =
  | { readonly kind: 'rebuild'; readonly id: number }
  /** The server thread committed appends: follow them now rather than at the next poll. */
  | { readonly kind: 'committed' }
  | { readonly kind: 'stop' };

export type FromProjectionWorker =
  | { readonly kind: 'status'; readonly status: ProjectionsStatus }
  /** The read-model file was replaced: readers open it again. */
  | { readonly kind: 'replaced' }
  | { readonly kind: 'rebuilt'; readonly id: number; readonly report: RebuildReport }
  | { readonly kind: 'rebuild-failed'; readonly id: number; readonly error: string }
  | { readonly kind: 'problem'; readonly level: 'error' | 'warn'; readonly message: string; readonly delayMs?: number }
  /** The read models were built from another log and are rebuilt (log-binding.ts): why. */
  | { readonly kind: 'rebuilt-from-log'; readonly reason: string };

/** How often the worker says where it stands; silence means its thread is busy (projection-service.ts, STALL_MS). */
const HEARTBEAT_MS = 250;

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Runs the worker; a test gives its own fold of a case (one that throws or never ends). */
export async function runProjectionWorker(options: { readonly project?: CaseProjector } = {}): Promise<void> {
  const data = workerData as ProjectionWorkerData;
  const port = parentPort!;
  const post = (message: FromProjectionWorker) => port.postMessage(message);
  const store = openConfiguredStore(data.location);
  const noticeCommits = 'noticeCommitsElsewhere' in store ? () => (store as SqliteEventStore).noticeCommitsElsewhere() : () => undefined;
  // Said at once (not at the next heartbeat): a projection that has caught up answers from then on.
  const postStatusSoon = () => setImmediate(() => postStatus());
  const projections = new ProjectionsInThread(store, data.path, {
    onStarted: postStatusSoon,
    onError: (error) => post({ kind: 'problem', level: 'error', message: messageOf(error) }),
    onRetry: (error, delayMs) => post({ kind: 'problem', level: 'warn', message: messageOf(error), delayMs }),
    onReplaced: () => post({ kind: 'replaced' }),
    onRebuildFromLog: (reason) => post({ kind: 'rebuilt-from-log', reason }),
    ...(data.rebuildWorkers && { rebuildWorkers: data.rebuildWorkers }),
    ...(options.project && { project: options.project }),
  });
  const postStatus = () => post({ kind: 'status', status: projections.status() });
  const heartbeat = setInterval(postStatus, HEARTBEAT_MS);

  port.on('message', (message: ToProjectionWorker) => {
    switch (message.kind) {
      case 'committed':
        noticeCommits();
        break;
      case 'rebuild':
        postStatus();
        // The status first, so the server thread answers with where things stand once the rebuild is answered.
        projections.rebuild().then(
          (report) => (postStatus(), post({ kind: 'rebuilt', id: message.id, report })),
          (error: unknown) => (postStatus(), post({ kind: 'rebuild-failed', id: message.id, error: messageOf(error) })),
        );
        break;
      case 'stop':
        clearInterval(heartbeat);
        void projections
          .close()
          .then(() => store.close())
          .finally(() => port.close());
        break;
      default: {
        const unknown: never = message;
        throw new Error(`unknown message ${JSON.stringify(unknown)}`);
      }
    }
  });
  await projections.startInBackground();
  postStatus();
}
