import { describe, expect, it } from 'vitest';
import { caseOn, knownAt, latestCase, timelineOf } from '../../../src/domain/case/timeline.js';
import { insertIntoTimeline } from '../../../src/domain/case/insert-into-timeline.js';
import { ev, referred } from './support/builders.js';

// Recorded in this order; the recall is recorded late, in June, but dated in March.
const entries = [
  { position: 0, recordedAt: '2009-01-05T10:00:00.000Z', event: referred({ occurredOn: '2009-01-05', level: 2, inCustody: true }) },
  { position: 1, recordedAt: '2009-02-01T10:00:00.000Z', event: ev('ReleasedFromCustody', '2009-02-01', { licenceEnds: '2010-02-01' }) },
  { position: 2, recordedAt: '2009-06-10T10:00:00.000Z', event: ev('LicenceRecalled', '2009-03-20', {}) },
  { position: 3, recordedAt: '2009-04-01T09:00:00.000Z', event: ev('ManagementLevelChanged', '2009-04-01', { level: 1 }) },
];
const timeline = timelineOf(entries);

describe('the case on a date and as known at an instant', () => {
  it('orders the timeline by business date, ties by stream position', () => {
    expect(timeline.map((e) => e.position)).toEqual([0, 1, 2, 3]);
    const sameDay = timelineOf([
      { position: 1, event: ev('LocalUnitChanged', '2009-01-05', { localUnit: 'B' }) },
      { position: 0, event: referred({ occurredOn: '2009-01-05' }) },
      { position: 2, event: ev('LocalUnitChanged', '2009-01-05', { localUnit: 'A' }) },
    ]);
    expect(sameDay.map((e) => e.position)).toEqual([0, 1, 2]);
    expect(caseOn(sameDay, '2009-01-05')?.localUnit).toBe('A');
  });

  it('insertIntoTimeline puts a late event at its business date', () => {
    const partial = timelineOf(entries.filter((e) => e.position !== 2));
    expect(insertIntoTimeline(partial, entries[2]!)).toEqual(timeline);
  });

  it('on a date: the fold of the events dated up to the end of that day', () => {
    expect(caseOn(timeline, '2009-01-04')).toBeNull();
    expect(caseOn(timeline, '2009-03-19')).toMatchObject({ inCustody: false, level: 2 });
    expect(caseOn(timeline, '2009-03-20')).toMatchObject({ inCustody: true, custodyReason: 'recall', level: 2 });
    expect(latestCase(timeline)).toMatchObject({ inCustody: true, level: 1 });
  });

  it('as known at an instant: only events recorded by then, on any date', () => {
    const inMay = knownAt(timeline, '2009-05-01T00:00:00.000Z');
    expect(caseOn(inMay, '2009-03-20')).toMatchObject({ inCustody: false });
    expect(caseOn(knownAt(timeline, '2009-06-10T10:00:00.000Z'), '2009-03-20')).toMatchObject({ inCustody: true });
    expect(knownAt(timeline, '2009-01-01T00:00:00.000Z')).toEqual([]);
  });
});
