import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { readAccessLog, type AccessLogFilter } from '../../../src/infrastructure/access-log/reader.js';
import { accessLog as accessLogWriter, type AccessEntry } from '../../../src/infrastructure/access-log/writer.js';
import { manualClock } from '../../../src/infrastructure/clock.js';
import { streams } from '../../../src/infrastructure/eventstore/stream-names.js';
import { openMemoryEventStore } from '../../../src/infrastructure/eventstore/memory.js';
import { indexedAccessLog } from '../../../src/infrastructure/read-models/access-log-query.js';
import { ProjectionsInThread } from '../../../src/infrastructure/read-models/projections-in-thread.js';

const ACTORS = ['rev-a', 'rev-b', 'aud-1'];
const CASES = ['case-1', 'case-2', 'case-3', 'case-4'];

const entry = fc.oneof(
  fc.record({ actor: fc.constantFrom(...ACTORS), caseIds: fc.uniqueArray(fc.constantFrom(...CASES), { maxLength: 3 }), resource: fc.constantFrom('case', 'case-events', 'caseload' as const) }).map(
    ({ actor, caseIds, resource }): AccessEntry => ({
      type: 'CaseDataRead', actor: { id: actor, role: 'reviewer', agency: 'police' }, channel: 'http', resource, caseIds, query: {}, requestId: `r-${actor}`,
    }),
  ),
  fc.constantFrom(...ACTORS).map((actor): AccessEntry => ({ type: 'AccessLogRead', actor: { id: actor, role: 'auditor', agency: 'other' }, channel: 'http', query: {}, requestId: `r-${actor}` })),
);

/** A day and hour of November 2026, so from/to bounds cut through the log. */
const instant = fc.tuple(fc.integer({ min: 20, max: 28 }), fc.integer({ min: 0, max: 23 })).map(([d, h]) => `2026-11-${d}T${String(h).padStart(2, '0')}:00:00.000Z`);

const filter: fc.Arbitrary<AccessLogFilter> = fc.record(
  { caseId: fc.constantFrom(...CASES, 'case-none'), actor: fc.constantFrom(...ACTORS, 'nobody'), from: instant, to: instant },
  { requiredKeys: [] },
);

describe("the access log's index answers as the scan of the log does", () => {
  const cleanups: (() => Promise<unknown> | unknown)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('for any log, filter and page size, every page (and cursor) is the same as the scan gives', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(entry, fc.integer({ min: 0, max: 8 * 3600_000 })), { minLength: 1, maxLength: 60 }), fc.array(filter, { minLength: 1, maxLength: 4 }), fc.integer({ min: 1, max: 7 }), async (log, filters, limit) => {
        const store = openMemoryEventStore();
        const clock = manualClock('2026-11-21T00:00:00.000Z');
        const writer = accessLogWriter({ store, clock });
        // Case events between the records: the index must pass over them.
        await store.appendToStream(streams.case('case-1'), [{ eventId: crypto.randomUUID(), type: 'Noise', data: {}, metadata: {} }]);
        for (const [record, step] of log) {
          clock.advance(step);
          await writer.record(record);
        }
        const projections = new ProjectionsInThread(store, ':memory:');
        projections.follow();
        const pages = indexedAccessLog(store, projections, { waitMs: 5000 });
        try {
          for (const f of filters) {
            let after: bigint | undefined;
            for (let n = 0; n < 100; n++) {
              const scanned = await readAccessLog(store, f, { after, limit });
              const indexed = await pages(f, { after, limit });
              expect(indexed).toEqual({ ok: true, page: scanned });
              if (scanned.next === null) break;
              after = scanned.next;
            }
          }
        } finally {
          await projections.close();
        }
      }),
      { numRuns: 60 },
    );
  });

  it('reads its own writes: a record written just before is in the answer; an index that cannot catch up in time is 503, never a short answer', async () => {
    const store = openMemoryEventStore();
    const clock = manualClock('2026-11-24T10:00:00.000Z');
    const writer = accessLogWriter({ store, clock });
    const projections = new ProjectionsInThread(store, ':memory:');
    cleanups.push(() => projections.close());
    projections.follow();
    const pages = indexedAccessLog(store, projections, { waitMs: 300 });
    const read = (caseId: string): AccessEntry => ({ type: 'CaseDataRead', actor: { id: 'rev-a', role: 'reviewer', agency: 'police' }, channel: 'http', resource: 'case', caseIds: [caseId], query: {}, requestId: 'r' });
    for (let i = 0; i < 20; i++) {
      await writer.record(read(`case-${i}`));
      const answer = await pages({ caseId: `case-${i}` }, { limit: 10 });
      expect(answer.ok && answer.page.records.map((r) => r.type === 'CaseDataRead' && r.caseIds)).toEqual([[`case-${i}`]]);
    }
    await projections.stop();
    await writer.record(read('case-late'));
    const answer = await pages({ caseId: 'case-late' }, { limit: 10 });
    expect(answer).toMatchObject({ ok: false, unavailable: { reason: 'stopped', retry: true } });
  });
});
