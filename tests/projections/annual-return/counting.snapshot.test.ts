import { describe, expect, it } from 'vitest';
import { ev, otherDangerous, referred, rso, violent } from '../../domain/case/support/builders.js';
import { given } from './given-cases.js';

describe('R01, R08, R09, E01: eligible in the community on 31 March', () => {
  const sexual = [referred({ occurredOn: '2008-05-01', localUnit: 'North BCU' })];
  const violentInSouth = [referred({ occurredOn: '2008-05-01', localUnit: 'South BCU', basis: violent() })];
  const dangerousAt3 = [referred({ occurredOn: '2008-05-01', localUnit: 'West BCU', basis: otherDangerous(), level: 3 })];

  it('counts by the category reported on the snapshot day, in the area', () => {
    const { row } = given(sexual, violentInSouth, dangerousAt3, [referred({ area: 'lancashire' })]).returnFor('2008-09');
    expect(row('R01')).toEqual({ cat1: 1, cat2: 1, cat3: 1, total: 3 });
  });

  it('R08 splits category 1 by local unit, "unassigned" without one, and sums to R01 cat1', () => {
    const { localUnit: _u, ...noUnit } = referred() as Extract<ReturnType<typeof referred>, { type: 'OffenderReferred' }>;
    const { row } = given(sexual, sexual, [noUnit], violentInSouth).returnFor('2008-09');
    expect(row('R08')).toEqual({ 'North BCU': 2, unassigned: 1 });
    expect(row('R01')['cat1']).toBe(3);
  });

  it('leaves out a person in custody on 31 March, and one released that day counts', () => {
    const inCustody = [referred({ inCustody: true })];
    const releasedOnSnapshot = [referred({ inCustody: true }), ev('ReleasedFromCustody', '2009-03-31', {})];
    const recalledOnSnapshot = [referred({ inCustody: true }), ev('ReleasedFromCustody', '2008-06-01', { licenceEnds: '2010-01-01' }), ev('LicenceRecalled', '2009-03-31', {})];
    expect(given(inCustody, releasedOnSnapshot, recalledOnSnapshot).returnFor('2008-09').row('R01')).toEqual({ cat1: 1, cat2: 0, cat3: 0, total: 1 });
  });

  it('leaves out cases closed, dead or no longer eligible on the snapshot day', () => {
    const closed = [referred(), ev('CaseClosed', '2009-03-31', { reason: 'other' })];
    const dead = [referred(), ev('SubjectDied', '2009-02-01', {})];
    const lapsed = [referred({ basis: rso({ notificationEnds: '2009-03-30' }) })];
    const lapsesAfter = [referred({ basis: rso({ notificationEnds: '2009-03-31' }) })];
    expect(given(closed, dead, lapsed, lapsesAfter).returnFor('2008-09').row('R01')).toEqual({ cat1: 1, cat2: 0, cat3: 0, total: 1 });
  });

  it('counts a case every year it stays eligible, long after its last event', () => {
    const { row } = given(sexual).returnFor('2019-20', 'cumbria', { format: '2008' });
    expect(row('R01')).toEqual({ cat1: 1, cat2: 0, cat3: 0, total: 1 });
    expect(given(sexual).returnFor('2007-08').row('R01')).toEqual({ cat1: 0, cat2: 0, cat3: 0, total: 0 });
  });

  it('R09: category 1 per 100,000 of the area population, rounded half up; null without one', () => {
    const cases = Array.from({ length: 59 }, () => sexual);
    expect(given(...cases).returnFor('2008-09', 'cumbria', { populations: { cumbria: 100_000 } }).row('R09')).toEqual({ rate: 59 });
    // 3 per 200,000 is 1.5 per 100,000: half rounds up.
    expect(given(sexual, sexual, sexual).returnFor('2008-09', 'cumbria', { populations: { cumbria: 200_000 } }).row('R09')).toEqual({ rate: 2 });
    expect(given(sexual).returnFor('2008-09', 'cumbria', { populations: { cumbria: 300_000 } }).row('R09')).toEqual({ rate: 0 });
    expect(given(sexual).returnFor('2008-09').row('R09')).toEqual({ rate: null });
  });

  it('E01 splits R01 by the level on the snapshot day', () => {
    const level2 = [referred(), ev('ManagementLevelChanged', '2009-01-01', { level: 2 })];
    const { row } = given(sexual, level2, violentInSouth, dangerousAt3).returnFor('2015-16');
    expect(row('E01')).toEqual({
      cat1Level1: 1, cat1Level2: 1, cat1Level3: 0, cat2Level1: 1, cat2Level2: 0, cat2Level3: 0, cat3Level1: 0, cat3Level2: 0, cat3Level3: 1,
      cat1: 2, cat2: 1, cat3: 1, level1: 2, level2: 1, level3: 1, total: 4,
    });
  });

  it('a category change: the category reported on 31 March counts', () => {
    const becomesRso = [referred({ basis: violent() }), ev('EligibilityBasisAdded', '2009-02-01', { basis: rso({ basisId: 'rso-2', relevantDate: '2009-01-15' }) })];
    expect(given(becomesRso).returnFor('2008-09').row('R01')).toEqual({ cat1: 1, cat2: 0, cat3: 0, total: 1 });
    expect(given(becomesRso).returnFor('2008-09', 'cumbria', { knownAt: '2009-01-31T00:00:00.000Z' }).row('R01')).toEqual({ cat1: 0, cat2: 1, cat3: 0, total: 1 });
  });
});
