import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import type { CaseEvent } from '../../../src/domain/case/events.js';
import { timelineOf } from '../../../src/domain/case/timeline.js';
import { LAST_REPORTING_YEAR, reportingYearStarting } from '../../../src/domain/shared/reporting-year.js';
import { caseFacts } from '../../../src/projections/annual-return/case-facts.js';
import { factsForYear } from '../../../src/projections/annual-return/assemble-return.js';
import { ev, referred, rso, violent } from '../../domain/case/support/builders.js';

/**
 * Runs a fold with a deadline: a synchronous loop that never ends cannot be stopped by a test
 * timeout, but a script timeout terminates it, so a regression fails instead of hanging the run.
 */
function within<T>(ms: number, fold: () => T): T {
  return vm.runInNewContext('fold()', { fold }, { timeout: ms }) as T;
}

const timeline = (...events: CaseEvent[]) => timelineOf(events.map((event, position) => ({ position, event })));

/**
 * A log may already hold a basis ending in 9999 (accepted before dates were bounded): its facts
 * stop at the horizon, in bounded time, and every year up to it counts as the rules say.
 */
describe('poison event: a basis ending thousands of years away', () => {
  const ends = ['9999-03-31', '9999-06-01', '9999-12-31', '2500-01-01'];

  it.each(ends)('poison event: a basis ending in %s is folded in bounded time, counting up to the horizon as one that never ends', (lastDay) => {
    const poisoned = within(2000, () => caseFacts(timeline(referred({ basis: rso({ notificationEnds: lastDay }) }))))!;
    // The lapse is beyond the horizon: up to it the case is as on its referral, steady from the next year.
    expect(Object.keys(poisoned.years)).toEqual(['2008-09']);
    expect(poisoned.steadyFrom).toBe('2009-10');
    expect(factsForYear(poisoned, reportingYearStarting(LAST_REPORTING_YEAR))).toEqual({ cumbria: { 'snapshot:1:1:North%20BCU': 1 } });
  });

  it('poison event: every return up to the horizon counts the case as one whose notification never ends', () => {
    const poisoned = within(2000, () => caseFacts(timeline(referred({ basis: violent({ ends: '9999-06-01' }) }), ev('ManagementLevelChanged', '2009-01-05', { level: 2 }))))!;
    const indefinite = caseFacts(timeline(referred({ basis: violent() }), ev('ManagementLevelChanged', '2009-01-05', { level: 2 })))!;
    for (const year of [2007, 2008, 2009, 2010, 2030, 2150, LAST_REPORTING_YEAR]) {
      const y = reportingYearStarting(year);
      expect(factsForYear(poisoned, y), y).toEqual(factsForYear(indefinite, y));
    }
    expect(factsForYear(poisoned, '2009-10')).toEqual({ cumbria: { 'snapshot:2:2:North%20BCU': 1, 'managed:2:2': 1 } });
  });
});
