/**
 * Returns as known at an instant on a national log: the known-at index taken in once from the
 * whole log, then national returns asked from it (one at a time, and 5 at once), against the
 * fold of the log as known at the instant (the oracle it replaced) in the same run. Then the
 * index taking in the full national log (360,000 cases, the national-scale section's), in a
 * process of its own with Node's default heap (the fold of a log that size does not fit in it).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NATIONAL } from '../src/domain/shared/areas.js';
import { openSqliteEventStore } from '../src/infrastructure/eventstore/sqlite/index.js';
import { answerKnownAt, type ReturnsQuestion } from '../src/infrastructure/read-models/known-at-answers.js';
import { KnownAtIndex } from '../src/infrastructure/read-models/known-at-index.js';
import type { BenchRow } from './run.js';
import { percentile } from './sqlite-append.js';
import { NATIONAL_LOG, nationalLog } from './synthetic/national/national-log.js';

const CASES = Number(process.env.BENCH_KNOWN_AT_CASES ?? 20_000);
const NATIONAL_CASES = Number(process.env.BENCH_NATIONAL_CASES ?? NATIONAL_LOG.cases);
const MB = 1024 * 1024;
const QUESTIONS = 41;
const CONCURRENT = 5;

const national = (knownAt: string): ReturnsQuestion => ({ kind: 'return', query: { area: NATIONAL, reportingYear: '2024-25', knownAt, figuresOn: '2025-10-01' } });

export async function knownAtSection(): Promise<BenchRow[]> {
  const log = await nationalLog('.bench-data', { ...NATIONAL_LOG, cases: CASES }, (line) => process.stderr.write(`${line}\n`));
  const dir = mkdtempSync(join(tmpdir(), 'mappa-bench-known-at-'));
  const path = join(dir, 'mappa.db');
  copyFileSync(log.path, path);
  const store = openSqliteEventStore(path);
  try {
    // Instants across the log's recordings, so each question asks a different state of it.
    const instants: string[] = [];
    for await (const e of store.readAll({ batchSize: 5000 })) instants.push(String(e.metadata['recordedAt']));
    instants.sort();
    const knownAt = (i: number) => instants[Math.floor(((i % QUESTIONS) + 1) * (instants.length - 1) / QUESTIONS)]!;

    const foldStarted = performance.now();
    const folded = await answerKnownAt(store, national(knownAt(QUESTIONS - 1)));
    const foldMs = performance.now() - foldStarted;

    const takeInStarted = performance.now();
    const index = new KnownAtIndex();
    await index.catchUp(store);
    const takeInMs = performance.now() - takeInStarted;
    if (JSON.stringify(index.answer(national(knownAt(QUESTIONS - 1)))) !== JSON.stringify(folded)) throw new Error('the index and the fold disagree');

    const ask = async (i: number) => {
      const started = performance.now();
      await index.catchUp(store);
      index.answer(national(knownAt(i)));
      return performance.now() - started;
    };
    const alone: number[] = [];
    for (let i = 0; i < QUESTIONS; i++) alone.push(await ask(i));
    const together: number[] = [];
    for (let i = 0; i < QUESTIONS; i += CONCURRENT) together.push(...(await Promise.all(Array.from({ length: CONCURRENT }, (_, j) => ask(i + j)))));
    alone.sort((a, b) => a - b);
    together.sort((a, b) => a - b);
    const heap = process.memoryUsage().heapUsed / MB;
    const big = await nationalTakeIn();
    return [
      { name: `national return with knownAt (2024-25), the fold of the log as known then (${log.cases.toLocaleString('en-GB')} cases, ${log.events.toLocaleString('en-GB')} events)`, value: foldMs, unit: 'ms', ratio: 1, note: 'baseline: one fold, in this thread' },
      { name: '  the same from the known-at index (catch-up to the log end, then the cells as known then)', value: percentile(alone, 50), unit: 'ms p50', ratio: percentile(alone, 50) / foldMs, note: `p99 ${percentile(alone, 99).toFixed(1)} ms over ${QUESTIONS} instants; target < 50 ms` },
      { name: `  the same, ${CONCURRENT} questions at once`, value: percentile(together, 50), unit: 'ms p50', ratio: percentile(together, 50) / foldMs, note: `p99 ${percentile(together, 99).toFixed(1)} ms (each waits for the others: one thread)` },
      { name: '  taking the whole log into the index (once, when its thread starts)', value: takeInMs / 1000, unit: 's', ratio: takeInMs / foldMs, note: `heap used after: ${heap.toFixed(0)} MB (not collected)` },
      {
        name: `taking the national log into the known-at index (${big.cases.toLocaleString('en-GB')} cases, ${big.events.toLocaleString('en-GB')} events), own process`,
        value: big.seconds,
        unit: 's',
        note: `heap used after (collected): ${(big.heapAfterBytes / MB).toFixed(0)} MB; peak RSS ${(big.maxRssBytes / MB).toFixed(0)} MB; Node's default heap limit`,
      },
      { name: '  national return with knownAt (2024-25) from it (catch-up, then the cells as known then)', value: percentile(big.times, 50), unit: 'ms p50', note: `p99 ${percentile(big.times, 99).toFixed(1)} ms over ${big.times.length} instants; target < 50 ms` },
    ];
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

type NationalTakeIn = { cases: number; events: number; seconds: number; heapAfterBytes: number; maxRssBytes: number; times: number[] };

/** The full national log taken into the index by bench/known-at-national.ts, which only reads it. */
async function nationalTakeIn(): Promise<NationalTakeIn> {
  const log = await nationalLog('.bench-data', { ...NATIONAL_LOG, cases: NATIONAL_CASES }, (line) => process.stderr.write(`${line}\n`));
  const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', join(import.meta.dirname, 'known-at-national.ts'), log.path], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1024 * 1024,
  });
  return { cases: log.cases, ...(JSON.parse(out.trim().split('\n').pop()!) as Omit<NationalTakeIn, 'cases'>) };
}
