/**
 * The known-at index taking in the national log, alone in its own process so that its memory
 * is its own and its heap limit Node's default (what a server's worker thread gets):
 * `node --expose-gc --import tsx bench/known-at-national.ts <event log>`. Only reads the log.
 * Prints one JSON line: events, seconds, heap used after (collected), peak RSS, and the times
 * of national returns as known at instants across the log.
 */
import { NATIONAL } from '../src/domain/shared/areas.js';
import { openSqliteEventStore } from '../src/infrastructure/eventstore/sqlite/index.js';
import type { ReturnsQuestion } from '../src/infrastructure/read-models/known-at-answers.js';
import { KnownAtIndex } from '../src/infrastructure/read-models/known-at-index.js';

const QUESTIONS = 41;

const [logPath] = process.argv.slice(2);
if (!logPath) throw new Error('usage: known-at-national.ts <event log>');
const collect = (globalThis as { gc?: () => void }).gc;
if (collect === undefined) throw new Error('run with --expose-gc: the heap is measured after a collection');

const store = openSqliteEventStore(logPath);
try {
  collect();
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  const index = new KnownAtIndex();
  await index.catchUp(store);
  const seconds = (performance.now() - started) / 1000;
  collect();
  // What the index holds, not what the take-in left for the collector.
  const heapAfterBytes = process.memoryUsage().heapUsed - heapBefore;

  // Instants across the log's recordings (read after the heap is measured: they are not the index's).
  const instants: string[] = [];
  for await (const e of store.readAll({ batchSize: 5000 })) instants.push(String(e.metadata['recordedAt']));
  instants.sort();
  const knownAt = (i: number) => instants[Math.floor(((i % QUESTIONS) + 1) * (instants.length - 1) / QUESTIONS)]!;
  const national = (i: number): ReturnsQuestion => ({ kind: 'return', query: { area: NATIONAL, reportingYear: '2024-25', knownAt: knownAt(i), figuresOn: '2025-10-01' } });

  const times: number[] = [];
  let counted = 0;
  for (let i = 0; i < QUESTIONS; i++) {
    const asked = performance.now();
    await index.catchUp(store);
    const [answer] = index.answer(national(i));
    times.push(performance.now() - asked);
    if (answer!.rows.some((row) => Object.values(row.cells).some((n) => typeof n === 'number' && n > 0))) counted++;
  }
  // The latest instants see most of the national caseload: an index that lost it would count nothing.
  if (counted < QUESTIONS / 2) throw new Error(`only ${counted} of ${QUESTIONS} national returns counted anything`);
  times.sort((a, b) => a - b);
  process.stdout.write(
    `${JSON.stringify({ events: instants.length, seconds, heapAfterBytes, maxRssBytes: process.resourceUsage().maxRSS * 1024, times })}\n`,
  );
} finally {
  await store.close();
}
