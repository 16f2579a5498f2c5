import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashOf, parseHash, type Route } from '../../../web/src/model/route.js';

describe("the page's places in the URL fragment", () => {
  it('reads each place and its choices', () => {
    expect(parseHash('')).toEqual({ page: 'home' });
    expect(parseHash('#/returns?area=cumbria&year=2008-09&knownAt=2009-04-30T12%3A00%3A00.000Z')).toEqual({ page: 'returns', area: 'cumbria', year: '2008-09', knownAt: '2009-04-30T12:00:00.000Z' });
    expect(parseHash('#/cases/case%2F1?asOf=2008-01-01')).toEqual({ page: 'case', caseId: 'case/1', asOf: '2008-01-01' });
    expect(parseHash('#/caseload?flag=review-overdue&unknown=1')).toEqual({ page: 'caseload', flag: 'review-overdue' });
    expect(parseHash('#/cases/%E0%A4%A')).toEqual({ page: 'not-found', path: '/cases/%E0%A4%A' });
    expect(parseHash('#/elsewhere')).toEqual({ page: 'not-found', path: '/elsewhere' });
  });

  it('writes every place so that it reads back the same', () => {
    const text = fc.string({ minLength: 1, maxLength: 20 });
    const route: fc.Arbitrary<Route> = fc.oneof(
      fc.constant<Route>({ page: 'home' }),
      fc.constant<Route>({ page: 'sign-in' }),
      fc.record({ page: fc.constant('returns' as const), area: text, year: text, knownAt: text }, { requiredKeys: ['page'] }),
      fc.record({ page: fc.constant('caseload' as const), level: text, flag: text }, { requiredKeys: ['page'] }),
      fc.record({ page: fc.constant('case' as const), caseId: text, asOf: text }, { requiredKeys: ['page', 'caseId'] }),
    );
    fc.assert(
      fc.property(route, (r) => {
        expect(parseHash(hashOf(r))).toEqual(r);
      }),
    );
  });
});
