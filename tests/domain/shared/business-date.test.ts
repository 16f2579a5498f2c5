import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, addMonths, addYears, fromDayNumber, isBusinessDate, toDayNumber } from '../../../src/domain/shared/business-date.js';
import { firstDayOf, isReportingYear, reportingYearOf, snapshotDayOf } from '../../../src/domain/shared/reporting-year.js';

describe('business dates', () => {
  it('accepts calendar dates only', () => {
    expect(isBusinessDate('2008-02-29')).toBe(true);
    expect(isBusinessDate('2009-02-29')).toBe(false);
    expect(isBusinessDate('2000-02-29')).toBe(true);
    expect(isBusinessDate('1900-02-29')).toBe(false);
    expect(isBusinessDate('2009-13-01')).toBe(false);
    expect(isBusinessDate('2009-1-01')).toBe(false);
    expect(isBusinessDate('2009-01-01T00:00:00Z')).toBe(false);
  });

  it('day numbers agree with the platform calendar', () => {
    fc.assert(
      fc.property(fc.integer({ min: -25_567, max: 2_932_896 }), (n) => {
        const viaDate = new Date(n * 86_400_000).toISOString().slice(0, 10);
        expect(fromDayNumber(n)).toBe(viaDate);
        expect(toDayNumber(viaDate)).toBe(n);
      }),
      { numRuns: 2000 },
    );
  });

  it('adds calendar months, clamping to the end of a shorter month', () => {
    expect(addYears('2008-02-29', 1)).toBe('2009-02-28');
    expect(addYears('2008-02-29', 4)).toBe('2012-02-29');
    expect(addMonths('2010-01-31', 1)).toBe('2010-02-28');
    expect(addMonths('2010-11-30', 3)).toBe('2011-02-28');
    expect(addMonths('2010-05-10', -42)).toBe('2006-11-10');
    expect(addDays('2009-03-01', -1)).toBe('2009-02-28');
  });
});

describe('reporting years', () => {
  it('run 1 April to 31 March', () => {
    expect(reportingYearOf('2008-04-01')).toBe('2008-09');
    expect(reportingYearOf('2009-03-31')).toBe('2008-09');
    expect(reportingYearOf('1999-12-31')).toBe('1999-00');
    expect(firstDayOf('2008-09')).toBe('2008-04-01');
    expect(snapshotDayOf('2008-09')).toBe('2009-03-31');
    expect(isReportingYear('2008-09')).toBe(true);
    expect(isReportingYear('2008-10')).toBe(false);
    expect(isReportingYear('1999-00')).toBe(true);
  });
});
