import { Worker } from 'node:worker_threads';
import type { ReadModelLoader } from './read-models.js';
import type { StoreLocation } from '../config.js';
import type { RebuildWorkerData, RebuildWorkerMessage } from './rebuild-worker.js';

/**
 * Worker threads for a rebuild: each opens the store itself, so the store must be shareable (not
 * in memory). A log whose head is below `fromPosition` is projected in this thread alone.
 */
export type RebuildWorkers = { readonly location: StoreLocation; readonly count: number; readonly fromPosition?: bigint };

const THREAD = new URL('./worker-thread.mjs', import.meta.url);
const MODULE = new URL('./rebuild-worker.ts', import.meta.url).href;

/**
 * Splits the cases into partitions of the cut (ReadStreamsOptions; in SQLite ranges of names with
 * equal event counts, so each thread scans only its part of the index): this thread reads and
 * projects the first itself, a worker thread each of the others, and this thread writes what
 * they send. On two cores the reading and projecting, which dominate, run
 * side by side, one thread per core.
 */
export async function projectCasesInWorkers(
  workers: RebuildWorkers,
  upTo: bigint,
  loader: ReadModelLoader,
  projectHere: (partition: { index: number; count: number }) => Promise<{ events: number; cases: number }>,
  onProgress?: (events: number) => void,
): Promise<{ events: number; cases: number }> {
  let events = 0;
  let cases = 0;
  const threads = Array.from({ length: workers.count - 1 }, (_, i) => {
    const data: RebuildWorkerData & { module: string } = { module: MODULE, location: workers.location, upTo, partition: { index: i + 1, count: workers.count } };
    // Projecting allocates many short-lived objects: a larger young generation collects them less often.
    return new Worker(THREAD, { workerData: data, resourceLimits: { maxYoungGenerationSizeMb: 48 } });
  });
  try {
    const here = projectHere({ index: 0, count: workers.count });
    // Awaited together: whichever fails first fails the rebuild, and no failure goes unhandled.
    const [own] = await Promise.all([
      here,
      ...threads.map(
        (thread) =>
          new Promise<void>((resolve, reject) => {
            thread.on('message', (message: RebuildWorkerMessage) => {
              if (message.kind === 'cases') {
                for (const row of message.rows) loader.addOpenCase(row);
                for (const row of message.areas) loader.addCaseArea(row);
                events += message.events;
                onProgress?.(events);
              } else {
                loader.addSums(message.sums);
                cases += message.cases;
              }
            });
            thread.on('error', reject);
            thread.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`a rebuild worker stopped with exit code ${code}`))));
          }),
      ),
    ]);
    events += own.events;
    cases += own.cases;
  } finally {
    await Promise.all(threads.map((thread) => thread.terminate()));
  }
  return { events, cases };
}
