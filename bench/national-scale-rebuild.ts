/**
 * The rebuild of the national bench, alone in its own process so that its peak memory is its
 * own: `node --import tsx bench/national-scale-rebuild.ts <event log> <fresh read-model file>`.
 * Prints one JSON line: events, cases, seconds, peak RSS and the largest heap seen.
 */
import { availableParallelism } from 'node:os';
import { openSqliteEventStore } from '../src/infrastructure/eventstore/sqlite/index.js';
import { ReadModels } from '../src/infrastructure/read-models/read-models.js';
import { projectLogInto } from '../src/infrastructure/read-models/rebuild.js';

const [logPath, readModelPath] = process.argv.slice(2);
if (!logPath || !readModelPath) throw new Error('usage: national-scale-rebuild.ts <event log> <fresh read-model file>');

const store = openSqliteEventStore(logPath);
const readModels = new ReadModels(readModelPath);
// The heap is sampled at each progress report (every 10,000 events read) and at the end: the
// peak is when the whole log is grouped in memory, just before the cases are projected.
let heapPeak = 0;
const sampleHeap = () => {
  heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
};
const started = performance.now();
// REBUILD_WORKERS=0 projects in this thread; by default one worker per core.
const workerCount = Number(process.env.REBUILD_WORKERS ?? availableParallelism());
const report = await projectLogInto(store, readModels, {
  onProgress: sampleHeap,
  ...(workerCount > 1 && { workers: { location: { kind: 'sqlite' as const, path: logPath }, count: workerCount } }),
});
const seconds = (performance.now() - started) / 1000;
sampleHeap();
readModels.close();
await store.close();
process.stdout.write(
  `${JSON.stringify({ events: report.events, cases: report.cases, seconds, maxRssBytes: process.resourceUsage().maxRSS * 1024, heapPeakBytes: heapPeak })}\n`,
);
