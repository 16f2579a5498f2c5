import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evolve } from '../../../src/domain/case/evolve-case.js';
import { decide } from '../../../src/domain/case/decide.js';
import type { CaseState } from '../../../src/domain/case/state.js';
import { caseOn, latestCase, timelineOf } from '../../../src/domain/case/timeline.js';
import { validateAfter, validateEvent } from '../../../src/domain/case/validate.js';
import { addDays } from '../../../src/domain/shared/business-date.js';
import { caseScript, commandOn, PROPERTY_TODAY, replay } from '../../support/case-history.arbitrary.js';

const RUNS = { numRuns: 1000 };

describe('laws of the case decider (fast-check, 1,000 runs each)', () => {
  it('(a) decide never throws for any schema-valid command on any reachable case', () => {
    fc.assert(
      fc.property(
        caseScript({ maxCommands: 20 }),
        fc.integer({ min: -400, max: 4000 }).chain((offset) => commandOn(addDays('2010-01-01', offset))),
        (script, command) => {
          const { timeline } = replay(script);
          const decision = decide(command, timeline, PROPERTY_TODAY);
          expect(typeof decision.ok).toBe('boolean');
        },
      ),
      RUNS,
    );
  });

  it('(b) any sequence of accepted commands, replayed in business-date order, validates every event against the state before it', () => {
    fc.assert(
      fc.property(caseScript(), (script) => {
        const { timeline, accepted } = replay(script);
        expect(accepted.length).toBeGreaterThan(0);
        let state: CaseState = null;
        for (const { event } of timeline) {
          expect(validateEvent(state, event)).toBeNull();
          state = evolve(state, event);
          expect(validateAfter(state, event)).toBeNull();
        }
      }),
      RUNS,
    );
  });

  it('(c) an accepted command never changes what caseOn reports for dates before its occurredOn', () => {
    fc.assert(
      fc.property(caseScript(), fc.array(fc.integer({ min: 1, max: 2000 }), { minLength: 1, maxLength: 5 }), (script, offsets) => {
        const { accepted } = replay(script);
        for (const { command, before, after } of accepted) {
          for (const offset of [1, ...offsets]) {
            const earlier = addDays(command.occurredOn, -offset);
            expect(caseOn(after, earlier)).toEqual(caseOn(before, earlier));
          }
        }
      }),
      RUNS,
    );
  });

  it('(d) caseOn(timeline, d) equals folding only the events dated up to d', () => {
    fc.assert(
      fc.property(caseScript(), fc.integer({ min: -10, max: 9000 }), (script, offset) => {
        const { timeline } = replay(script);
        const d = addDays(timeline[0]!.event.occurredOn, offset);
        const upToD = timelineOf(timeline.filter((e) => e.event.occurredOn <= d));
        expect(caseOn(timeline, d)).toEqual(latestCase(upToD));
      }),
      RUNS,
    );
  });

  it('(e) decide with the fold of the whole timeline given decides exactly as without it', () => {
    fc.assert(
      fc.property(
        caseScript({ maxCommands: 25 }),
        fc.integer({ min: -400, max: 4000 }).chain((offset) => commandOn(addDays('2010-01-01', offset))),
        (script, command) => {
          const { timeline } = replay(script);
          const latest = { length: timeline.length, state: latestCase(timeline) };
          expect(decide(command, timeline, PROPERTY_TODAY, latest)).toEqual(decide(command, timeline, PROPERTY_TODAY));
        },
      ),
      RUNS,
    );
  });

  it('generated histories exercise acceptance and refusal of most command types', () => {
    const accepted = new Set<string>();
    const refusedCodes = new Set<string>();
    fc.assert(
      fc.property(caseScript(), (script) => {
        const r = replay(script);
        r.accepted.forEach((a) => accepted.add(a.command.type));
        r.refused.forEach((f) => refusedCodes.add(f.error.code));
      }),
      { numRuns: 300, seed: 42 },
    );
    expect(accepted.size).toBe(23);
    expect(refusedCodes.size).toBeGreaterThanOrEqual(18);
  });
});
