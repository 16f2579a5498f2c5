import { parentPort, workerData } from 'node:worker_threads';
import type { StoreLocation } from '../config.js';
import { openConfiguredStore } from '../eventstore/open-configured-store.js';
import { answerKnownAt, type KnownAtQuestion, type KnownAtResult } from './known-at-answers.js';
import { KnownAtIndex } from './known-at-index.js';

/** Answers questions about returns as known at an instant, in a worker thread (known-at-returns.ts sends them). */
export type KnownAtWorkerData = { readonly location: StoreLocation };
export type KnownAtRequest = { readonly id: number; readonly question: KnownAtQuestion };
export type KnownAtAnswer =
  | { readonly id: number; readonly ok: true; readonly result: KnownAtResult }
  | { readonly id: number; readonly ok: false; readonly error: string };
/** Sent once the thread has tried to take the whole log in (answers are timed from then on). */
export type KnownAtReady = { readonly takenIn: true };

const { location } = workerData as KnownAtWorkerData;
const port = parentPort!;
const store = openConfiguredStore(location);

/**
 * EventStoreDB's readStreams holds the streams it reads in memory until its $all read ends: the
 * first take-in reads the cases in this many parts (each a read of $all) so that one part of a
 * national log's events is held at a time, not all of them.
 */
const EVENTSTOREDB_TAKE_IN_PARTS = 8;

let index: KnownAtIndex | undefined;
let catchingUp: Promise<unknown> = Promise.resolve();

/**
 * The index taken up to the log's end, one catch-up at a time (two at once would take the same
 * events in twice). One that failed part-way may have taken in some cases and not others: the
 * index is dropped and the next question takes the whole log in again.
 */
function currentIndex(): Promise<KnownAtIndex> {
  const next = catchingUp.then(async () => {
    const taking = (index ??= new KnownAtIndex({ takeInParts: location.kind === 'eventstoredb' ? EVENTSTOREDB_TAKE_IN_PARTS : 1 }));
    try {
      await taking.catchUp(store);
      return taking;
    } catch (error) {
      index = undefined;
      throw error;
    }
  });
  catchingUp = next.catch(() => undefined);
  return next;
}

async function answer(question: KnownAtQuestion): Promise<KnownAtResult> {
  // A submission's revisions need every event's causes, which the index does not keep: folded.
  if (question.kind === 'revisions') return answerKnownAt(store, question);
  return (await currentIndex()).answer(question);
}

// The whole log is taken in when the thread starts, before the first question if it can.
void currentIndex()
  .catch(() => undefined)
  .then(() => port.postMessage({ takenIn: true } satisfies KnownAtReady));

// Only reads: the thread is stopped with Worker.terminate(), which leaves nothing half-written.
port.on('message', (request: KnownAtRequest) => {
  answer(request.question).then(
    (result) => port.postMessage({ id: request.id, ok: true, result } satisfies KnownAtAnswer),
    (error: unknown) => port.postMessage({ id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) } satisfies KnownAtAnswer),
  );
});
