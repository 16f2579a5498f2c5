import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../support/temp-dir.js';
import { sleep, within } from '../contract/fixtures.js';

const CYCLES = 50;
const WRITERS = 8;
const SERVER = join(import.meta.dirname, '../../../support/sqlite-append-server.ts');

type AckedBatch = { readonly batchId: string; readonly eventIds: readonly string[] };
type BatchMetadata = { batchId: string; batchSize: number; index: number };

async function startServer(dbPath: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER, dbPath], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = createInterface({ input: child.stdout! });
  const [line] = (await within(once(lines, 'line'), 20_000, () => `the append server did not start: ${stderr}`)) as [string];
  lines.close();
  const { port } = JSON.parse(line) as { port: number };
  return { child, url: `http://127.0.0.1:${port}/` };
}

/** Writers post multi-event batches until the server dies; only a 200 counts as acknowledged. */
function drive(url: string, cycle: number, acked: AckedBatch[]): { stop(): Promise<void> } {
  let stopped = false;
  const writers = Array.from({ length: WRITERS }, async (_, writer) => {
    for (let sequence = 0; !stopped; sequence++) {
      const batchId = randomUUID();
      const batchSize = 2 + ((writer + sequence) % 4);
      const events = Array.from({ length: batchSize }, (_, index) => ({
        eventId: randomUUID(),
        type: 'CrashTested',
        data: { payload: 'x'.repeat(100 + 37 * index) },
        metadata: { batchId, batchSize, index } satisfies BatchMetadata,
      }));
      try {
        const response = await fetch(url, {
          method: 'POST',
          body: JSON.stringify({ streamName: `d2-${cycle}-${writer}`, events, expectedVersion: 'any' }),
        });
        await response.text();
        if (response.status === 200) acked.push({ batchId, eventIds: events.map((event) => event.eventId) });
        else throw new Error(`append answered ${response.status}`);
      } catch (error) {
        if (stopped || (error as Error).message === 'fetch failed') return;
        throw error;
      }
    }
  });
  const all = Promise.all(writers);
  return {
    stop: async () => {
      stopped = true;
      await all;
    },
  };
}

/** Checks everything written after `afterPosition`; returns the new end of the log. */
function verifyAfterCrash(dbPath: string, afterPosition: number, acked: readonly AckedBatch[]): number {
  const db = new Database(dbPath);
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const { count, last } = db.prepare('SELECT count(*) AS count, max(global_position) AS last FROM events').get() as {
      count: number;
      last: number | null;
    };
    // Gap-free from 1: the count of rows is the last position.
    expect(last ?? 0).toBe(count);

    const rows = db
      .prepare('SELECT stream_name, stream_position, event_id, metadata FROM events WHERE global_position > ? ORDER BY global_position')
      .all(afterPosition) as Array<{ stream_name: string; stream_position: number; event_id: string; metadata: string }>;
    const batches = new Map<string, { size: number; indexes: number[]; positions: number[]; stream: string }>();
    for (const row of rows) {
      const { batchId, batchSize, index } = JSON.parse(row.metadata) as BatchMetadata;
      const batch = batches.get(batchId) ?? { size: batchSize, indexes: [], positions: [], stream: row.stream_name };
      batch.indexes.push(index);
      batch.positions.push(row.stream_position);
      expect(row.stream_name).toBe(batch.stream);
      batches.set(batchId, batch);
    }
    for (const [batchId, batch] of batches) {
      // All or nothing, in order, on consecutive stream positions.
      expect(batch.indexes, `batch ${batchId}`).toEqual(Array.from({ length: batch.size }, (_, i) => i));
      expect(batch.positions).toEqual(batch.indexes.map((i) => batch.positions[0]! + i));
    }

    const present = db.prepare('SELECT count(*) FROM events WHERE event_id = ?').pluck();
    const missing = acked.flatMap((batch) => batch.eventIds).filter((eventId) => present.get(eventId) !== 1);
    expect(missing).toEqual([]);
    return last ?? 0;
  } finally {
    db.close();
  }
}

describe('D2 SIGKILL at a random moment during acknowledged appends', () => {
  const dir = makeTempDir('d2');
  afterAll(() => dir.remove());

  it(
    `${CYCLES} kill cycles on one database file: integrity ok, no acknowledged event missing, no partial batch`,
    async () => {
      const dbPath = join(dir.path, 'events.db');
      const everAcked: AckedBatch[] = [];
      let end = 0;
      for (let cycle = 0; cycle < CYCLES; cycle++) {
        const { child, url } = await startServer(dbPath);
        const acked: AckedBatch[] = [];
        const load = drive(url, cycle, acked);
        try {
          await within(
            (async () => {
              while (acked.length === 0) await sleep(2);
            })(),
            20_000,
            () => `cycle ${cycle}: no append was acknowledged`,
          );
          await sleep(Math.random() * 150);
        } finally {
          child.kill('SIGKILL');
          await once(child, 'exit');
          await load.stop();
        }
        end = verifyAfterCrash(dbPath, end, acked);
        everAcked.push(...acked);
      }
      // The last reopen still holds every batch acknowledged in every cycle.
      verifyAfterCrash(dbPath, end, everAcked);
      expect(everAcked.length).toBeGreaterThanOrEqual(CYCLES);
    },
    180_000,
  );
});
