import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evolve } from '../../../src/domain/case/evolve-case.js';
import { reportedCategoryOn, type CaseState } from '../../../src/domain/case/state.js';
import { caseOn } from '../../../src/domain/case/timeline.js';
import { validateAfter, validateEvent } from '../../../src/domain/case/validate.js';
import { CATEGORY_4_FROM } from '../../../src/domain/rules/categories.js';
import { addDays } from '../../../src/domain/shared/business-date.js';
import { caseScript, replay } from '../../support/case-history.arbitrary.js';

const RUNS = { numRuns: 300 };
/** Histories around the category-4 edition, with terrorism bases among the others. */
const histories = caseScript({ withTerrorism: true, from: '2021-01-01', spanDays: 1800, maxCommands: 25 });

describe('laws of the decider with category 4 (fast-check)', () => {
  it('an accepted history is valid event by event, and no terrorism basis starts before its edition', () => {
    fc.assert(
      fc.property(histories, (script) => {
        const { timeline, refused } = replay(script);
        let state: CaseState = null;
        for (const { event } of timeline) {
          expect(validateEvent(state, event)).toBeNull();
          state = evolve(state, event);
          expect(validateAfter(state, event)).toBeNull();
          if ('basis' in event && event.basis?.kind === 'terrorism') expect(event.basis.startDate >= CATEGORY_4_FROM).toBe(true);
        }
        for (const { command, error } of refused) {
          if (error.code !== 'category-not-available') continue;
          const basis = 'basis' in command ? command.basis : undefined;
          expect(basis?.kind === 'terrorism' && basis.startDate < CATEGORY_4_FROM).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('category 4 is reported whenever a terrorism basis is active, and never before the edition', () => {
    fc.assert(
      fc.property(histories, fc.integer({ min: 0, max: 2500 }), (script, offset) => {
        const { timeline } = replay(script);
        // A referral on a terrorism basis before the edition is refused: no case at all.
        if (timeline.length === 0) return;
        const day = addDays(timeline[0]!.event.occurredOn, offset);
        const c = caseOn(timeline, day);
        if (c === null) return;
        const terrorismActive = c.bases.some((b) => b.category === 4 && b.start <= day && (b.lastDay === null || day <= b.lastDay) && (b.endedOn === null || day < b.endedOn));
        expect(reportedCategoryOn(c, day) === 4).toBe(terrorismActive);
        if (day < CATEGORY_4_FROM) expect(reportedCategoryOn(c, day)).not.toBe(4);
      }),
      RUNS,
    );
  });

  it('the generator reaches category 4: some histories hold an accepted terrorism basis and some a refused one', () => {
    const samples = fc.sample(histories, { numRuns: 200, seed: 14 }).map((s) => replay(s));
    expect(samples.some((r) => r.timeline.some(({ event }) => 'basis' in event && event.basis?.kind === 'terrorism'))).toBe(true);
    expect(samples.some((r) => r.refused.some(({ error }) => error.code === 'category-not-available'))).toBe(true);
  });
});
