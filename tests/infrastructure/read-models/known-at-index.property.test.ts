import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { manualClock } from '../../../src/infrastructure/clock.js';
import { openMemoryEventStore } from '../../../src/infrastructure/eventstore/memory.js';
import { answerKnownAt } from '../../../src/infrastructure/read-models/known-at-answers.js';
import { KnownAtIndex } from '../../../src/infrastructure/read-models/known-at-index.js';
import { askedOfLog, caseScripts, countsSomething, LOG_START, logRecorder, logSteps, questionsAt } from '../../support/known-at-log.js';

describe('the known-at index answers as the fold of the log as known at the instant (docs/CHECKS.md K1-K3 rest on that fold)', () => {
  it('returns, series and areas side by side, at instants between and on recordings, taken in while the log grows, retractions included (fast-check, 60 runs)', async () => {
    let compared = 0;
    // Answers that count something: the comparison is not of empty returns.
    let counting = 0;
    let retractions = 0;
    await fc.assert(
      fc.asyncProperty(caseScripts, logSteps, askedOfLog, fc.integer({ min: 1, max: 4 }), async (scripts, plan, asked, catchUps) => {
        const store = openMemoryEventStore();
        const clock = manualClock(new Date(LOG_START));
        const index = new KnownAtIndex();
        const takeInAt = new Set(Array.from({ length: catchUps }, (_, i) => Math.floor(((i + 1) * plan.length) / (catchUps + 1))));
        const recorder = logRecorder(store, clock, scripts);
        await recorder.record(plan, async (n) => {
          if (takeInAt.has(n)) await index.catchUp(store);
        });
        retractions += recorder.recorded.retractions;
        await index.catchUp(store);
        for (const point of asked) {
          for (const question of questionsAt(clock, point)) {
            const fromIndex = index.answer(question);
            expect(fromIndex).toEqual(await answerKnownAt(store, question));
            compared++;
            if (countsSomething(fromIndex)) counting++;
          }
        }
        await store.close();
      }),
      { numRuns: 60 },
    );
    expect(compared).toBeGreaterThan(500);
    expect(counting).toBeGreaterThan(200);
    expect(retractions).toBeGreaterThan(20);
  }, 120_000);
});
