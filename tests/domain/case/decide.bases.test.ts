import { describe, expect, it } from 'vitest';
import { reportedCategoryOn } from '../../../src/domain/case/state.js';
import { caseOn } from '../../../src/domain/case/timeline.js';
import { cmd, ev, otherDangerous, referred, rso, violent } from './support/builders.js';
import { given, timelineFrom } from './support/given-when-then.js';

describe('AddEligibilityBasis', () => {
  it('adds a basis', () => {
    given(referred())
      .when(cmd('AddEligibilityBasis', '2009-01-01', { basis: violent({ startDate: '2008-12-01' }) }))
      .then(ev('EligibilityBasisAdded', '2009-01-01', { basis: violent({ startDate: '2008-12-01' }) }));
  });

  it('refuses a basisId already in the case: basis-already-exists', () => {
    given(referred())
      .when(cmd('AddEligibilityBasis', '2009-01-01', { basis: violent({ basisId: 'rso-1' }) }))
      .thenRefused('basis-already-exists');
  });

  it('refuses a category-3 basis that would be reported at level 1', () => {
    given(referred({ basis: rso({ notificationEnds: '2008-12-31' }) }))
      .when(cmd('AddEligibilityBasis', '2009-02-01', { basis: otherDangerous({ startDate: '2009-02-01' }) }))
      .thenRefused('category-3-requires-level-2-or-3');
  });

  it('accepts a category-3 basis at level 1 while a category-1 basis is reported', () => {
    given(referred())
      .when(cmd('AddEligibilityBasis', '2009-02-01', { basis: otherDangerous({ startDate: '2009-02-01' }) }))
      .then(ev('EligibilityBasisAdded', '2009-02-01', { basis: otherDangerous({ startDate: '2009-02-01' }) }));
  });
});

describe('EndEligibilityBasis', () => {
  it('ends an active basis', () => {
    given(referred())
      .when(cmd('EndEligibilityBasis', '2010-01-01', { basisId: 'rso-1', reason: 'revoked-on-review' }))
      .then(ev('EligibilityBasisEnded', '2010-01-01', { basisId: 'rso-1', reason: 'revoked-on-review' }));
  });

  it('refuses an unknown basis: basis-not-active', () => {
    given(referred())
      .when(cmd('EndEligibilityBasis', '2010-01-01', { basisId: 'nope', reason: 'quashed' }))
      .thenRefused('basis-not-active');
  });

  it('refuses a basis whose notification period is over: basis-not-active', () => {
    given(referred({ basis: rso({ disposal: 'caution', custodialMonths: undefined, relevantDate: '2008-01-10' }) }))
      .when(cmd('EndEligibilityBasis', '2010-01-10', { basisId: 'rso-1', reason: 'period-expired' }))
      .thenRefused('basis-not-active');
  });

  it('refuses a basis already ended: basis-not-active', () => {
    given(referred(), ev('EligibilityBasisEnded', '2010-01-01', { basisId: 'rso-1', reason: 'quashed' }))
      .when(cmd('EndEligibilityBasis', '2010-02-01', { basisId: 'rso-1', reason: 'quashed' }))
      .thenRefused('basis-not-active');
  });

  it('refuses ending the last basis but category 3 at level 1', () => {
    given(referred(), ev('EligibilityBasisAdded', '2009-01-01', { basis: otherDangerous({ startDate: '2009-01-01' }) }))
      .when(cmd('EndEligibilityBasis', '2010-01-01', { basisId: 'rso-1', reason: 'quashed' }))
      .thenRefused('category-3-requires-level-2-or-3');
  });
});

describe('reported category', () => {
  const timeline = timelineFrom([
    referred({ basis: violent({ startDate: '2008-01-10', ends: '2012-06-30' }), level: 2 }),
    ev('EligibilityBasisAdded', '2009-03-01', { basis: rso({ basisId: 'rso-2', relevantDate: '2009-02-01', disposal: 'caution', custodialMonths: undefined }) }),
    ev('EligibilityBasisAdded', '2010-01-01', { basis: otherDangerous({ startDate: '2010-01-01' }) }),
  ]);
  const categoryOn = (date: string) => reportedCategoryOn(caseOn(timeline, date)!, date);

  it('is the lowest category among the bases active that day', () => {
    expect(categoryOn('2008-06-01')).toBe(2);
    expect(categoryOn('2009-03-01')).toBe(1);
    // A caution gives two years: 2009-02-01 + 2 years - 1 day.
    expect(categoryOn('2011-01-31')).toBe(1);
    expect(categoryOn('2011-02-01')).toBe(2);
    expect(categoryOn('2012-06-30')).toBe(2);
    expect(categoryOn('2012-07-01')).toBe(3);
  });

  it('is null when no basis is active', () => {
    const lapsed = timelineFrom([referred({ basis: rso({ notificationEnds: '2009-12-31' }) })]);
    expect(reportedCategoryOn(caseOn(lapsed, '2009-12-31')!, '2009-12-31')).toBe(1);
    expect(reportedCategoryOn(caseOn(lapsed, '2010-01-01')!, '2010-01-01')).toBeNull();
  });

  it('drops a basis on the day EndEligibilityBasis takes effect', () => {
    const ended = timelineFrom([referred(), ev('EligibilityBasisEnded', '2010-01-01', { basisId: 'rso-1', reason: 'quashed' })]);
    expect(reportedCategoryOn(caseOn(ended, '2009-12-31')!, '2009-12-31')).toBe(1);
    expect(reportedCategoryOn(caseOn(ended, '2010-01-01')!, '2010-01-01')).toBeNull();
  });
});

describe('a basis cannot start before the subject was born', () => {
  it('basis before birth: AddEligibilityBasis whose basis starts before the date of birth is refused naming basis.relevantDate', () => {
    const { decision } = given(referred()).when(cmd('AddEligibilityBasis', '2009-01-01', { basis: rso({ basisId: 'rso-2', relevantDate: '1970-03-14' }) }));
    expect(decision).toEqual({ ok: false, error: { code: 'basis-before-birth', field: 'basis.relevantDate', message: "must be on or after the subject's date of birth" } });
    given(referred())
      .when(cmd('AddEligibilityBasis', '2009-01-01', { basis: violent({ startDate: '1970-03-15' }) }))
      .then(ev('EligibilityBasisAdded', '2009-01-01', { basis: violent({ startDate: '1970-03-15' }) }));
  });

  it('basis before birth: ReopenCase with a basis starting before the date of birth is refused naming basis.startDate', () => {
    const closed = ev('CaseClosed', '2009-01-01', { reason: 'risk-reduced' });
    const { decision } = given(referred(), closed).when(cmd('ReopenCase', '2010-01-01', { basis: violent({ basisId: 'v-2', startDate: '1960-01-01' }) }));
    expect(decision).toEqual({ ok: false, error: { code: 'basis-before-birth', field: 'basis.startDate', message: "must be on or after the subject's date of birth" } });
  });
});
