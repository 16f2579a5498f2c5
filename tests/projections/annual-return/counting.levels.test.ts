import { describe, expect, it } from 'vitest';
import { ev, referred, rso, violent } from '../../domain/case/support/builders.js';
import { given } from './given-cases.js';

const meeting = (on: string, level: 2 | 3, id = `m-${on}`) => [
  ev('MappMeetingRecorded', on, { meetingId: id, level, kind: 'initial', agencies: ['police'] }),
  ev('ManagementLevelChanged', on, { level, meetingId: id }),
];

describe('R02/R03 (E02/E03): cases eligible at level 2 or 3 on at least one day of the year', () => {
  it('counts a case at level 2 all year once, by category', () => {
    const { row } = given([referred({ occurredOn: '2007-01-01', level: 2 })], [referred({ occurredOn: '2007-01-01', level: 2, basis: violent() })]).returnFor('2008-09');
    expect(row('R02')).toEqual({ cat1: 1, cat2: 1, cat3: 0, total: 2 });
    expect(row('R03')).toEqual({ cat1: 0, cat2: 0, cat3: 0, total: 0 });
  });

  it('a level change mid-year: a case at both levels counts in both rows', () => {
    const history = [referred({ level: 2 }), ev('ManagementLevelChanged', '2008-10-01', { level: 3 }), ev('ManagementLevelChanged', '2009-01-10', { level: 1 })];
    const { row } = given(history).returnFor('2008-09');
    expect(row('R02')).toEqual({ cat1: 1, cat2: 0, cat3: 0, total: 1 });
    expect(row('R03')).toEqual({ cat1: 1, cat2: 0, cat3: 0, total: 1 });
    // The next year it was at level 1 throughout.
    expect(given(history).returnFor('2009-10').row('R02')['total']).toBe(0);
  });

  it('a level-1 case with a single day at level 2 counts; the day after the year does not', () => {
    const oneDay = [referred(), ...meeting('2009-03-31', 2)];
    expect(given(oneDay).returnFor('2008-09').row('R02')['total']).toBe(1);
    const nextYear = [referred(), ...meeting('2009-04-01', 2)];
    expect(given(nextYear).returnFor('2008-09').row('R02')['total']).toBe(0);
  });

  it('a category change mid-year: the category on the last day at that level counts', () => {
    const history = [
      referred({ level: 2, basis: violent({ startDate: '2007-06-01' }) }),
      ev('EligibilityBasisAdded', '2008-11-01', { basis: rso({ basisId: 'rso-2', relevantDate: '2008-10-20' }) }),
      ev('ManagementLevelChanged', '2009-02-01', { level: 1 }),
    ];
    expect(given(history).returnFor('2008-09').row('R02')).toEqual({ cat1: 1, cat2: 0, cat3: 0, total: 1 });
    const backToLevel2Before = [
      referred({ level: 2, basis: violent({ startDate: '2007-06-01' }) }),
      ev('ManagementLevelChanged', '2008-09-01', { level: 1 }),
      ev('EligibilityBasisAdded', '2008-11-01', { basis: rso({ basisId: 'rso-2', relevantDate: '2008-10-20' }) }),
    ];
    expect(given(backToLevel2Before).returnFor('2008-09').row('R02')).toEqual({ cat1: 0, cat2: 1, cat3: 0, total: 1 });
  });

  it('only days on which the case was eligible count', () => {
    const lapsedBeforeYear = [referred({ occurredOn: '2007-01-01', level: 2, basis: rso({ notificationEnds: '2008-03-31' }) })];
    expect(given(lapsedBeforeYear).returnFor('2008-09').row('R02')['total']).toBe(0);
    const closedAll = [referred({ occurredOn: '2007-01-01', level: 2 }), ev('CaseClosed', '2008-01-01', { reason: 'other' })];
    expect(given(closedAll).returnFor('2008-09').row('R02')['total']).toBe(0);
    const lapsesInYear = [referred({ occurredOn: '2007-01-01', level: 2, basis: rso({ notificationEnds: '2008-04-01' }) })];
    expect(given(lapsesInYear).returnFor('2008-09').row('R02')['total']).toBe(1);
  });

  it('counts a case in custody too (the level rows have no community condition)', () => {
    expect(given([referred({ level: 3, inCustody: true })]).returnFor('2008-09').row('R03')['total']).toBe(1);
  });

  it('a transfer mid-year: the case counts in each area it was managed at that level', () => {
    const history = [referred({ occurredOn: '2007-01-01', level: 2 }), ev('CaseTransferred', '2008-09-01', { toArea: 'lancashire' })];
    expect(given(history).returnFor('2008-09', 'cumbria').row('R02')['total']).toBe(1);
    expect(given(history).returnFor('2008-09', 'lancashire').row('R02')['total']).toBe(1);
    expect(given(history).returnFor('2008-09', 'england-and-wales').row('R02')['total']).toBe(2);
    expect(given(history).returnFor('2009-10', 'cumbria').row('R02')['total']).toBe(0);
    expect(given(history).returnFor('2008-09', 'cumbria').row('R01')['total']).toBe(0);
    expect(given(history).returnFor('2008-09', 'lancashire').row('R01')['total']).toBe(1);
  });

  it('a case closed and reopened in the same year counts once per level', () => {
    const history = [
      referred({ occurredOn: '2007-01-01', level: 2 }),
      ev('CaseClosed', '2008-06-01', { reason: 'risk-reduced' }),
      ev('CaseReopened', '2008-10-01', { level: 2 }),
    ];
    expect(given(history).returnFor('2008-09').row('R02')).toEqual({ cat1: 1, cat2: 0, cat3: 0, total: 1 });
    expect(given(history).returnFor('2008-09').row('R01')['total']).toBe(1);
  });

  it('death ends the level: counted in the year of death, not after', () => {
    const history = [referred({ occurredOn: '2007-01-01', level: 3 }), ev('SubjectDied', '2008-07-01', {})];
    expect(given(history).returnFor('2008-09').row('R03')['total']).toBe(1);
    expect(given(history).returnFor('2009-10').row('R03')['total']).toBe(0);
    expect(given(history).returnFor('2008-09').row('R01')['total']).toBe(0);
  });
});
