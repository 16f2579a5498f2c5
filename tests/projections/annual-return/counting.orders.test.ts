import { describe, expect, it } from 'vitest';
import { ev, referred } from '../../domain/case/support/builders.js';
import { given } from './given-cases.js';

describe('R11-R13 and E07: civil orders dated in the year', () => {
  it('counts applications, interim and full orders (made on conviction included) by type', () => {
    const history = [
      referred(),
      ev('CivilOrderApplied', '2008-06-01', { orderId: 'o-1', orderType: 'SOPO', applicant: 'police' }),
      ev('InterimCivilOrderMade', '2008-06-10', { orderId: 'o-1' }),
      ev('FullCivilOrderMade', '2008-09-01', { orderId: 'o-1', orderType: 'SOPO', madeOnConviction: false }),
      ev('FullCivilOrderMade', '2008-10-01', { orderId: 'o-2', orderType: 'SOPO', madeOnConviction: true }),
      ev('CivilOrderApplied', '2008-11-01', { orderId: 'o-3', orderType: 'NO', applicant: 'nca' }),
      ev('CivilOrderApplied', '2009-04-01', { orderId: 'o-4', orderType: 'FTO', applicant: 'police' }),
    ];
    const { row } = given(history).returnFor('2008-09');
    expect(row('R11')).toEqual({ applied: 1, interim: 1, full: 2 });
    expect(row('R12')).toEqual({ applied: 1, interim: 0, full: 0 });
    expect(row('R13')).toEqual({ applied: 0, interim: 0, full: 0 });
    expect(given(history).returnFor('2009-10').row('R13')).toEqual({ applied: 1, interim: 0, full: 0 });
  });

  it('the 2015 order regime switch: format 2015 from 2015-16 counts SHPO, SRO and NO orders made', () => {
    const history = [
      referred({ occurredOn: '2014-06-01' }),
      ev('FullCivilOrderMade', '2015-03-07', { orderId: 'o-1', orderType: 'SOPO', madeOnConviction: true }),
      ev('CivilOrderApplied', '2015-03-08', { orderId: 'o-2', orderType: 'SHPO', applicant: 'police' }),
      ev('InterimCivilOrderMade', '2015-04-02', { orderId: 'o-2' }),
      ev('FullCivilOrderMade', '2015-06-01', { orderId: 'o-2', orderType: 'SHPO', madeOnConviction: false }),
      ev('FullCivilOrderMade', '2015-07-01', { orderId: 'o-3', orderType: 'SRO', madeOnConviction: true }),
      ev('FullCivilOrderMade', '2015-08-01', { orderId: 'o-4', orderType: 'NO', madeOnConviction: true }),
    ];
    expect(given(history).returnFor('2014-15').result.format).toBe('2008');
    expect(given(history).returnFor('2014-15').row('R11')).toEqual({ applied: 0, interim: 0, full: 1 });
    const later = given(history).returnFor('2015-16');
    expect(later.result.format).toBe('2015');
    expect(later.row('E07')).toEqual({ shpoInterim: 1, shpoFull: 1, sroInterim: 0, sroFull: 1, noInterim: 0, noFull: 1 });
    expect(given(history).returnFor('2015-16', 'cumbria', { format: '2008' }).row('R11')).toEqual({ applied: 0, interim: 0, full: 0 });
  });
});
