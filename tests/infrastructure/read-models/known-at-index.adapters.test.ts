import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../../src/infrastructure/clock.js';
import type { EventStore } from '../../../src/infrastructure/eventstore/eventstore.js';
import { openEventStoreDbEventStore } from '../../../src/infrastructure/eventstore/eventstoredb/index.js';
import { openSqliteEventStore } from '../../../src/infrastructure/eventstore/sqlite/index.js';
import { answerKnownAt } from '../../../src/infrastructure/read-models/known-at-answers.js';
import { KnownAtIndex } from '../../../src/infrastructure/read-models/known-at-index.js';
import { EsdbTestServer } from '../../support/esdb-test-server/index.js';
import { type Asked, caseScripts, countsSomething, LOG_START, logRecorder, logSteps, questionsAt } from '../../support/known-at-log.js';
import { makeTempDir } from '../../support/temp-dir.js';

let server: EsdbTestServer;
const dir = makeTempDir('known-at-adapters');
beforeAll(async () => {
  server = await EsdbTestServer.start();
});
afterAll(async () => {
  await server.stop();
  dir.remove();
});

// One generated log (one that counts in many answers and retracts), recorded into each store as the server would.
const [scripts, plan, more] = fc.sample(fc.tuple(caseScripts, logSteps, logSteps), { numRuns: 1, seed: 6 })[0]!;
// Across the log and its years, so that some answers count something.
const asked = [0.3, 0.6, 0.9, 1].flatMap((cut) => [2004, 2005, 2006, 2007, 2008, 2009, 2010].map((year) => [cut, year, undefined] as Asked));

/**
 * The take-in reads each store through its own readStreams (SQLite pages in (stream, position)
 * order; EventStoreDB gathers a partition from $all, so it is taken in parts as the worker does).
 */
describe.each([
  { name: 'SQLite', parts: 1, open: (): EventStore => openSqliteEventStore(`${dir.path}/log.db`) },
  { name: 'EventStoreDB (test server), in 8 parts', parts: 8, open: (): EventStore => openEventStoreDbEventStore(server.connectionString) },
])('the known-at index on $name', ({ parts, open }) => {
  it('takes the log in case by case and catches up, answering as the fold of the log as known then', async () => {
    const store = open();
    try {
      const clock = manualClock(new Date(LOG_START));
      const recorder = logRecorder(store, clock, scripts);
      await recorder.record(plan);
      const index = new KnownAtIndex({ takeInParts: parts });
      await index.catchUp(store);
      clock.advance(60_000);
      await recorder.record(more);
      await index.catchUp(store);
      let counting = 0;
      for (const point of asked) {
        for (const question of questionsAt(clock, point)) {
          const answer = index.answer(question);
          expect(answer).toEqual(await answerKnownAt(store, question));
          if (countsSomething(answer)) counting++;
        }
      }
      expect(counting).toBeGreaterThan(20);
    } finally {
      await store.close();
    }
  }, 60_000);
});
