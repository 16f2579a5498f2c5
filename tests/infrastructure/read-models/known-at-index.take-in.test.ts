import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { manualClock } from '../../../src/infrastructure/clock.js';
import type { EventStore } from '../../../src/infrastructure/eventstore/eventstore.js';
import { openMemoryEventStore } from '../../../src/infrastructure/eventstore/memory.js';
import { answerKnownAt } from '../../../src/infrastructure/read-models/known-at-answers.js';
import { KnownAtIndex } from '../../../src/infrastructure/read-models/known-at-index.js';
import type { AnnualReturn } from '../../../src/projections/annual-return/return-types.js';
import { askedOfLog, caseScripts, countsSomething, instantIn, LOG_START, logRecorder, logSteps, questionsAt, questionsKnownAt } from '../../support/known-at-log.js';

/** The store, with `during` run once, right after the first stream a readStreams call hands out. */
function interruptedOnce(store: EventStore, during: () => Promise<void>): EventStore {
  let pending: (() => Promise<void>) | undefined = during;
  return new Proxy(store, {
    get(target, property) {
      if (property === 'readStreams') {
        return async function* (...args: Parameters<EventStore['readStreams']>) {
          for await (const stream of target.readStreams(...args)) {
            yield stream;
            const run = pending;
            pending = undefined;
            if (run) await run();
          }
        };
      }
      const value: unknown = Reflect.get(target, property);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

describe('the known-at index takes a log in case by case (a national log gathered whole ran its worker out of heap)', () => {
  it('the first take-in reads the log stream by stream up to its head, never the whole log in global order', async () => {
    const [scripts, plan] = fc.sample(fc.tuple(caseScripts, logSteps), { numRuns: 1, seed: 17 })[0]!;
    const store = openMemoryEventStore();
    await logRecorder(store, manualClock(new Date(LOG_START)), scripts).record(plan);
    const calls: string[] = [];
    const watched = new Proxy(store, {
      get(target, property) {
        const value: unknown = Reflect.get(target, property);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          calls.push(property === 'readStreams' ? `readStreams ${String(args[0])} up to ${String((args[1] as { upTo?: bigint }).upTo)}` : String(property));
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
    await new KnownAtIndex().catchUp(watched);
    const head = await store.headPosition();
    expect(calls).toEqual(['headPosition', `readStreams mappa-case- up to ${head}`, `readStreams mappa-area- up to ${head}`]);
  });

  it('a log taken in whole, in one part or several, answers as the fold and as an index caught up after every step, retractions and populations included (fast-check, 40 runs)', async () => {
    let counting = 0;
    let retractions = 0;
    await fc.assert(
      fc.asyncProperty(caseScripts, logSteps, askedOfLog, fc.constantFrom(1, 3), async (scripts, plan, asked, parts) => {
        const store = openMemoryEventStore();
        const clock = manualClock(new Date(LOG_START));
        const stepByStep = new KnownAtIndex();
        const recorder = logRecorder(store, clock, scripts);
        await recorder.record(plan, () => stepByStep.catchUp(store));
        retractions += recorder.recorded.retractions;
        // In parts too, as on EventStoreDB: each case in exactly one.
        const whole = new KnownAtIndex({ takeInParts: parts });
        await whole.catchUp(store);
        for (const point of asked) {
          for (const question of questionsAt(clock, point)) {
            const answer = whole.answer(question);
            expect(answer).toEqual(await answerKnownAt(store, question));
            expect(answer).toEqual(stepByStep.answer(question));
            if (countsSomething(answer)) counting++;
          }
          // The other forms of an instant the wire takes: a whole second in UTC (searched as a
          // number) and an offset (searched as strings), compared as the fold compares them.
          const iso = instantIn(clock, point[0]);
          for (const knownAt of [`${iso.slice(0, 19)}Z`, `${iso.slice(0, 19)}+00:00`]) {
            for (const question of questionsKnownAt(knownAt, point)) expect(whole.answer(question)).toEqual(await answerKnownAt(store, question));
          }
        }
        await store.close();
      }),
      { numRuns: 40 },
    );
    expect(counting).toBeGreaterThan(150);
    expect(retractions).toBeGreaterThan(10);
  }, 120_000);

  it('a catch-up after a take-in takes in exactly the events committed after the head the take-in read: none missed, none counted twice (fast-check, 30 runs)', async () => {
    let grew = 0;
    await fc.assert(
      fc.asyncProperty(caseScripts, logSteps, logSteps, askedOfLog, async (scripts, before, meanwhile, asked) => {
        const store = openMemoryEventStore();
        const clock = manualClock(new Date(LOG_START));
        const recorder = logRecorder(store, clock, scripts);
        // A population first, so that the log has a head and the take-in reads a stream.
        await recorder.record([{ kind: 'population', area: 0, year: 2006, population: 120_000 }, ...before]);
        const taken = clock.now().toISOString();
        const head = await store.headPosition();
        // Committed while the take-in reads the log: after the head it read, so left to the next catch-up.
        const index = new KnownAtIndex();
        await index.catchUp(
          interruptedOnce(store, async () => {
            clock.advance(60_000);
            await recorder.record(meanwhile);
          }),
        );
        const end = clock.now().toISOString();
        if ((await store.headPosition())! > head!) grew++;
        const cuts = [taken, end, ...asked.map(([cut]) => new Date(LOG_START + cut * (clock.now().getTime() - LOG_START)).toISOString())];
        for (const point of asked) {
          // Before the catch-up, as known at the end: the log as it was taken in.
          const atEnd = questionsKnownAt(end, point);
          const atTaken = questionsKnownAt(taken, point);
          for (const [i, question] of atEnd.entries()) expect(asKnownAt(taken, index.answer(question))).toEqual(await answerKnownAt(store, atTaken[i]!));
        }
        // Twice: the second finds nothing new and must change nothing.
        for (let round = 0; round < 2; round++) {
          await index.catchUp(store);
          for (const point of asked) for (const knownAt of cuts) for (const question of questionsKnownAt(knownAt, point)) expect(index.answer(question)).toEqual(await answerKnownAt(store, question));
        }
        await store.close();
      }),
      { numRuns: 30 },
    );
    expect(grew).toBeGreaterThan(20);
  }, 120_000);
});

/** Answers relabelled as known at another instant, to compare them with the fold's answers then. */
const asKnownAt = (knownAt: string, answers: readonly AnnualReturn[]) => answers.map((r) => ({ ...r, knownAt }));
