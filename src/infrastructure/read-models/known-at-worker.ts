import { parentPort, workerData } from 'node:worker_threads';
import type { StoreLocation } from '../config.js';
import { openConfiguredStore } from '../eventstore/open-configured-store.js';
import { answerKnownAt, type KnownAtQuestion, type KnownAtResult } from './known-at-answers.js';

/** Answers questions about returns as known at an instant, in a worker thread (known-at-returns.ts sends them). */
export type KnownAtWorkerData = { readonly location: StoreLocation };
export type KnownAtRequest = { readonly id: number; readonly question: KnownAtQuestion };
export type KnownAtAnswer =
  | { readonly id: number; readonly ok: true; readonly result: KnownAtResult }
  | { readonly id: number; readonly ok: false; readonly error: string };

const { location } = workerData as KnownAtWorkerData;
const port = parentPort!;
const store = openConfiguredStore(location);

// Only reads: the thread is stopped with Worker.terminate(), which leaves nothing half-written.
port.on('message', (request: KnownAtRequest) => {
  answerKnownAt(store, request.question).then(
    (result) => port.postMessage({ id: request.id, ok: true, result } satisfies KnownAtAnswer),
    (error: unknown) => port.postMessage({ id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) } satisfies KnownAtAnswer),
  );
});
