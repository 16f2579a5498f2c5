import { describe, expect, it } from 'vitest';
import type { RegisteredSexualOffenderBasis } from '../../../src/domain/case/basis.js';
import { isUnder18On, notificationLastDay } from '../../../src/domain/rules/notification-period.js';

const ADULT = '1970-01-01';
const MINOR = '1995-01-01'; // 15 on the relevant date below
const R = '2010-05-10';

const basis = (fields: Partial<RegisteredSexualOffenderBasis>): RegisteredSexualOffenderBasis => ({
  kind: 'registered-sexual-offender',
  basisId: 'b',
  relevantDate: R,
  disposal: 'other',
  ...fields,
});

describe('s.82 notification periods: last day of notification (null: indefinite)', () => {
  it.each([
    // disposal, fields, adult last day, under-18 last day
    ['custody for 30 months', { disposal: 'custody', custodialMonths: 30 }, null, null],
    ['custody for life or IPP', { disposal: 'custody', custodialMonths: 0, indefinite: true }, null, null],
    ['hospital with restriction order', { disposal: 'hospital-restriction' }, null, null],
    ['custody for 29 months: 10 years (5 under 18)', { disposal: 'custody', custodialMonths: 29 }, '2020-05-09', '2015-05-09'],
    ['custody for 7 months: 10 years (5 under 18)', { disposal: 'custody', custodialMonths: 7 }, '2020-05-09', '2015-05-09'],
    ['custody for 6 months: 7 years (3 y 6 m under 18)', { disposal: 'custody', custodialMonths: 6 }, '2017-05-09', '2013-11-09'],
    ['hospital without restriction: 7 years (3 y 6 m under 18)', { disposal: 'hospital' }, '2017-05-09', '2013-11-09'],
    ['caution: 2 years (1 under 18)', { disposal: 'caution' }, '2012-05-09', '2011-05-09'],
    ['conditional discharge of 18 months: its period, never halved', { disposal: 'conditional-discharge', conditionalDischargeMonths: 18 }, '2011-11-09', '2011-11-09'],
    ['any other disposal: 5 years (2 y 6 m under 18)', { disposal: 'other' }, '2015-05-09', '2012-11-09'],
  ] as const)('%s', (_name, fields, adult, minor) => {
    expect(notificationLastDay(basis(fields as Partial<RegisteredSexualOffenderBasis>), ADULT)).toBe(adult);
    expect(notificationLastDay(basis(fields as Partial<RegisteredSexualOffenderBasis>), MINOR)).toBe(minor);
  });

  it('a relevant date of 29 February: 29 February + 1 year is 28 February', () => {
    expect(notificationLastDay(basis({ relevantDate: '2008-02-29', disposal: 'caution' }), ADULT)).toBe('2010-02-27');
    expect(notificationLastDay(basis({ relevantDate: '2008-02-29', disposal: 'caution' }), '1992-01-01')).toBe('2009-02-27');
    expect(notificationLastDay(basis({ relevantDate: '2008-02-29', disposal: 'other' }), ADULT)).toBe('2013-02-27');
  });

  it('an explicit notificationEnds or indefinite overrides the table', () => {
    expect(notificationLastDay(basis({ disposal: 'caution', notificationEnds: '2030-01-01' }), ADULT)).toBe('2030-01-01');
    expect(notificationLastDay(basis({ disposal: 'custody', custodialMonths: 40, notificationEnds: '2030-01-01' }), ADULT)).toBe('2030-01-01');
    expect(notificationLastDay(basis({ disposal: 'caution', indefinite: true }), ADULT)).toBeNull();
  });

  it('halves only for someone under 18 on the relevant date', () => {
    expect(isUnder18On('1992-05-10', '2010-05-09')).toBe(true);
    expect(isUnder18On('1992-05-10', '2010-05-10')).toBe(false);
    expect(notificationLastDay(basis({ disposal: 'caution', relevantDate: '2010-05-09' }), '1992-05-10')).toBe('2011-05-08');
    expect(notificationLastDay(basis({ disposal: 'caution', relevantDate: '2010-05-10' }), '1992-05-10')).toBe('2012-05-09');
  });

  it('someone born on 29 February turns 18 on 28 February in a common year', () => {
    expect(isUnder18On('1992-02-29', '2010-02-27')).toBe(true);
    expect(isUnder18On('1992-02-29', '2010-02-28')).toBe(false);
  });
});
