import { describe, expect, it } from 'vitest';
import { ev, referred, rso } from '../../domain/case/support/builders.js';
import { given } from './given-cases.js';

const onLicence = (level: 1 | 2 | 3) => [
  referred({ occurredOn: '2008-01-05', inCustody: true, level }),
  ev('ReleasedFromCustody', '2008-02-01', { licenceEnds: '2010-02-01' }),
];
const sopo = (type: 'SOPO' | 'SHPO' | 'NO' = 'SOPO', on = '2008-03-01', orderId = 'o-1') =>
  ev('FullCivilOrderMade', on, { orderId, orderType: type, madeOnConviction: true });

describe('R04 (E08 licence): recalled on licence at level 2 or 3', () => {
  it('counts distinct cases by the level on the recall day; level 1 is not counted', () => {
    const twiceAtLevel2 = [...onLicence(2), ev('LicenceRecalled', '2008-06-01', {}), ev('ReleasedFromCustody', '2008-08-01', { licenceEnds: '2010-02-01' }), ev('LicenceRecalled', '2008-12-01', {})];
    const atLevel3 = [...onLicence(3), ev('LicenceRecalled', '2008-06-01', {})];
    const atLevel1 = [...onLicence(1), ev('LicenceRecalled', '2008-06-01', {})];
    const { row } = given(twiceAtLevel2, atLevel3, atLevel1).returnFor('2008-09');
    expect(row('R04')).toEqual({ level2: 1, level3: 1, total: 2 });
  });

  it('once per level column: recalled at level 2 and again at level 3 counts in both', () => {
    const both = [
      ...onLicence(2), ev('LicenceRecalled', '2008-06-01', {}), ev('ReleasedFromCustody', '2008-08-01', { licenceEnds: '2010-02-01' }),
      ev('ManagementLevelChanged', '2008-09-01', { level: 3 }), ev('LicenceRecalled', '2008-12-01', {}),
    ];
    expect(given(both).returnFor('2008-09').row('R04')).toEqual({ level2: 1, level3: 1, total: 2 });
  });

  it('takes the level the case has at the end of the recall day', () => {
    const raisedThatDay = [...onLicence(1), ev('LicenceRecalled', '2008-06-01', {}), ev('ManagementLevelChanged', '2008-06-01', { level: 2 })];
    expect(given(raisedThatDay).returnFor('2008-09').row('R04')).toEqual({ level2: 1, level3: 0, total: 1 });
  });
});

describe('R05 and E08 orders: sent to custody for breach of an order, at level 2 or 3', () => {
  it('R05 counts SOPO breaches disposed of by custody, distinct cases, by level that day', () => {
    const custody = [referred({ occurredOn: '2008-01-01', level: 2 }), sopo(), ev('CivilOrderBreached', '2008-07-01', { orderId: 'o-1', disposal: 'custody' })];
    const nonCustodial = [referred({ occurredOn: '2008-01-01', level: 2 }), sopo(), ev('CivilOrderBreached', '2008-07-01', { orderId: 'o-1', disposal: 'non-custodial' })];
    const level3Twice = [
      referred({ occurredOn: '2008-01-01', level: 3 }), sopo(), ev('CivilOrderBreached', '2008-07-01', { orderId: 'o-1', disposal: 'custody' }),
      ev('ReleasedFromCustody', '2008-08-01', {}), ev('CivilOrderBreached', '2008-09-01', { orderId: 'o-1', disposal: 'custody' }),
    ];
    const notification = [referred({ occurredOn: '2008-01-01', level: 2 }), sopo('NO'), ev('CivilOrderBreached', '2008-07-01', { orderId: 'o-1', disposal: 'custody' })];
    const { row } = given(custody, nonCustodial, level3Twice, notification).returnFor('2008-09');
    expect(row('R05')).toEqual({ level2: 1, level3: 1, total: 2 });
  });

  it('E08 counts breaches of any order type, distinct cases per level, beside recalls', () => {
    const shpo = [referred({ occurredOn: '2015-05-01', level: 2 }), sopo('SHPO', '2015-06-01'), ev('CivilOrderBreached', '2015-07-01', { orderId: 'o-1', disposal: 'custody' })];
    const sopoAfterSwitch = [referred({ occurredOn: '2008-01-01', level: 3 }), sopo(), ev('CivilOrderBreached', '2016-01-01', { orderId: 'o-1', disposal: 'custody' })];
    const twoOrders = [
      referred({ occurredOn: '2015-05-01', level: 2 }), sopo('SHPO', '2015-06-01'), sopo('NO', '2015-06-02', 'o-2'),
      ev('CivilOrderBreached', '2015-07-01', { orderId: 'o-1', disposal: 'custody' }), ev('ReleasedFromCustody', '2015-08-01', {}),
      ev('CivilOrderBreached', '2015-09-01', { orderId: 'o-2', disposal: 'custody' }),
    ];
    const recalled = [
      referred({ occurredOn: '2015-01-05', inCustody: true, level: 2 }),
      ev('ReleasedFromCustody', '2015-02-01', { licenceEnds: '2017-02-01' }),
      ev('LicenceRecalled', '2015-06-01', {}),
    ];
    const { row } = given(shpo, sopoAfterSwitch, twoOrders, recalled).returnFor('2015-16');
    expect(row('E08')).toEqual({ licenceLevel2: 1, licenceLevel3: 0, orderLevel2: 2, orderLevel3: 1, total: 4 });
  });
});

describe('R10 (E05) and E06: notification breaches and revocations', () => {
  it('R10 counts distinct cases with a notification breach in the year, at any level', () => {
    const twice = [referred(), ev('NotificationBreachRecorded', '2008-06-01', { disposal: 'caution' }), ev('NotificationBreachRecorded', '2008-09-01', { disposal: 'conviction' })];
    const lastYear = [referred({ occurredOn: '2007-06-01' }), ev('NotificationBreachRecorded', '2008-03-31', { disposal: 'caution' })];
    expect(given(twice, lastYear).returnFor('2008-09').row('R10')).toEqual({ count: 1 });
    expect(given(twice, lastYear).returnFor('2007-08').row('R10')).toEqual({ count: 1 });
  });

  it('E06 counts distinct cases with a basis ended revoked-on-review in the year', () => {
    const revoked = [referred({ occurredOn: '2015-05-01', basis: rso({ indefinite: true }) }), ev('EligibilityBasisEnded', '2016-01-01', { basisId: 'rso-1', reason: 'revoked-on-review' })];
    const quashed = [referred({ occurredOn: '2015-05-01' }), ev('EligibilityBasisEnded', '2016-01-01', { basisId: 'rso-1', reason: 'quashed' })];
    expect(given(revoked, quashed).returnFor('2015-16').row('E06')).toEqual({ count: 1 });
  });
});
