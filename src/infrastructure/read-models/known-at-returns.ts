import { Worker } from 'node:worker_threads';
import type { StoreLocation } from '../config.js';
import type { KnownAtFold, KnownAtQuestion, KnownAtResult } from './known-at-answers.js';
import type { KnownAtAnswer, KnownAtReady, KnownAtRequest, KnownAtWorkerData } from './known-at-worker.js';
import { ProjectionUnavailableError } from './projection-service.js';

const THREAD = new URL('./worker-thread.mjs', import.meta.url);
const MODULE = new URL('./known-at-worker.ts', import.meta.url).href;

type KnownAtLimits = {
  /** Folds waiting or running at once; more are refused (503) rather than queued without end. */
  readonly maxPending?: number;
  /** A question taking longer, once the thread has taken the log in, is abandoned: its thread is stopped (503) and the next fold starts a new one. */
  readonly timeoutMs?: number;
};

type Pending = { readonly resolve: (result: KnownAtResult) => void; readonly reject: (error: Error) => void; timer: NodeJS.Timeout | undefined };

/**
 * `knownAt` returns and revisions in a worker thread of their own, so the server's event loop
 * answers everyone else meanwhile: returns from an index of every case's facts through time
 * (known-at-index.ts), which the thread takes in from the whole log, case by case, when it starts
 * (about 2 minutes on the 360,000-case log) and then from each question's new events; revisions
 * by a fold of the log. Started with the projections (prepare) or on the first question. Only for
 * a store another thread can open.
 */
export function knownAtInWorker(location: StoreLocation, limits: KnownAtLimits = {}): KnownAtFold & { prepare(): void; close(): Promise<void> } {
  const maxPending = limits.maxPending ?? 8;
  const timeoutMs = limits.timeoutMs ?? 120_000;
  let worker: Worker | undefined;
  /** Whether the thread has taken the whole log in once: before that a question waits without a time limit. */
  let takenIn = false;
  let nextId = 0;
  const pending = new Map<number, Pending>();

  const stopWorker = (reason: string) => {
    const stopping = worker;
    worker = undefined;
    takenIn = false;
    for (const [id, p] of pending) {
      clearTimeout(p.timer);
      p.reject(new ProjectionUnavailableError({ reason: 'stalled', detail: reason, retry: true }));
      pending.delete(id);
    }
    return stopping?.terminate();
  };

  const timeout = () => setTimeout(() => void stopWorker(`a return as known at an instant took longer than ${timeoutMs} ms; retry shortly`), timeoutMs);

  const started = (): Worker => {
    if (worker) return worker;
    const data: KnownAtWorkerData & { module: string; background: true } = { module: MODULE, location, background: true };
    const thread = (worker = new Worker(THREAD, { workerData: data }));
    thread.on('message', (answer: KnownAtAnswer | KnownAtReady) => {
      if ('takenIn' in answer) {
        // Only now does a slow answer mean a stalled thread: taking a national log in takes minutes.
        takenIn = true;
        for (const p of pending.values()) p.timer ??= timeout();
        return;
      }
      const p = pending.get(answer.id);
      if (!p) return;
      pending.delete(answer.id);
      clearTimeout(p.timer);
      if (answer.ok) p.resolve(answer.result);
      else p.reject(new Error(answer.error));
    });
    thread.on('error', (error) => void stopWorker(`the thread folding returns as known at an instant failed: ${error.message}`));
    thread.on('exit', () => {
      if (worker === thread) void stopWorker('the thread folding returns as known at an instant stopped');
    });
    thread.unref();
    return thread;
  };

  const fold = ((question: KnownAtQuestion): Promise<KnownAtResult> => {
    if (pending.size >= maxPending) {
      return Promise.reject(new ProjectionUnavailableError({ reason: 'stalled', detail: `${maxPending} returns as known at an instant are being folded already; retry shortly`, retry: true }));
    }
    const id = nextId++;
    return new Promise<KnownAtResult>((resolve, reject) => {
      pending.set(id, { resolve, reject, timer: takenIn ? timeout() : undefined });
      started().postMessage({ id, question } satisfies KnownAtRequest);
    });
  }) as KnownAtFold;

  return Object.assign(fold, {
    /** Starts the thread now, so it takes the log in before the first question arrives. */
    prepare() {
      started();
    },
    async close() {
      await stopWorker('the server is stopping');
    },
  });
}
