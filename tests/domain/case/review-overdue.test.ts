import { describe, expect, it } from 'vitest';
import { isReviewOverdueOn, reviewDatesOf } from '../../../src/domain/case/state.js';
import { latestCase } from '../../../src/domain/case/timeline.js';
import { caseloadEntryOf } from '../../../src/projections/caseload/caseload-entry.js';
import { caseloadItem } from '../../../src/projections/caseload/caseload-view.js';
import { caseView } from '../../../src/infrastructure/queries/case-view.js';
import { ev, referred } from './support/builders.js';
import { timelineFrom } from './support/given-when-then.js';

const meeting = { meetingId: 'm-1', level: 2 as const, kind: 'initial' as const, agencies: ['police' as const, 'probation' as const], nextReviewDue: '2009-04-01' };
const managedAtLevel2 = [referred(), ev('MappMeetingRecorded', '2009-01-01', meeting), ev('ManagementLevelChanged', '2009-01-01', { level: 2, meetingId: 'm-1' })];

describe('isReviewOverdueOn: a review meeting was due before the day', () => {
  it('is overdue from the day after the review date, not on it', () => {
    const c = latestCase(timelineFrom(managedAtLevel2))!;
    expect(isReviewOverdueOn(reviewDatesOf(c), '2009-04-01')).toBe(false);
    expect(isReviewOverdueOn(reviewDatesOf(c), '2009-04-02')).toBe(true);
  });

  it('is never overdue without a review date, at level 1, or once the case is closed', () => {
    expect(isReviewOverdueOn({ open: true, level: 2, nextReviewDue: null }, '2030-01-01')).toBe(false);
    expect(isReviewOverdueOn({ open: true, level: 1, nextReviewDue: '2009-04-01' }, '2030-01-01')).toBe(false);
    expect(isReviewOverdueOn({ open: false, level: 3, nextReviewDue: '2009-04-01' }, '2030-01-01')).toBe(false);
  });
});

/**
 * The defect: the case view said `open && nextReviewDue < on` and the caseload added
 * `level !== 1`, so a case stepped down to level 1 was overdue on GET /cases/{id} and not on
 * /caseload. Both now ask the one rule.
 */
describe('review overdue disagreed between the case view and the caseload', () => {
  const on = '2009-06-01';
  const flags = (events: Parameters<typeof timelineFrom>[0]) => {
    const c = latestCase(timelineFrom(events))!;
    return {
      caseView: caseView('c-1', c, on, { version: events.length - 1, knownAt: null }, { erased: true }).reviewOverdue,
      caseload: caseloadItem(caseloadEntryOf('c-1', events.length - 1, c)!, on).reviewOverdue,
    };
  };

  it('a case stepped down to level 1 is not overdue in either', () => {
    expect(flags([...managedAtLevel2, ev('ManagementLevelChanged', '2009-05-01', { level: 1 })])).toEqual({ caseView: false, caseload: false });
  });

  it('a case still at level 2 past its review date is overdue in both', () => {
    expect(flags(managedAtLevel2)).toEqual({ caseView: true, caseload: true });
  });
});
