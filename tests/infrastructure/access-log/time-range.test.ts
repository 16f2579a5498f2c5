import { describe, expect, it } from 'vitest';
import { instantBound, londonDayEnd, londonDayStart } from '../../../src/infrastructure/access-log/time-range.js';

describe('audit time bounds in Europe/London', () => {
  it('a winter day is a UTC day; a summer day starts at 23:00 UTC the day before', () => {
    expect(londonDayStart('2026-01-15')).toBe('2026-01-15T00:00:00.000Z');
    expect(londonDayEnd('2026-01-15')).toBe('2026-01-15T23:59:59.999Z');
    expect(londonDayStart('2026-07-01')).toBe('2026-06-30T23:00:00.000Z');
    expect(londonDayEnd('2026-07-01')).toBe('2026-07-01T22:59:59.999Z');
  });

  it('the clock-change days are 23 and 25 hours long', () => {
    expect(londonDayStart('2026-03-29')).toBe('2026-03-29T00:00:00.000Z');
    expect(londonDayEnd('2026-03-29')).toBe('2026-03-29T22:59:59.999Z');
    expect(londonDayStart('2026-10-25')).toBe('2026-10-24T23:00:00.000Z');
    expect(londonDayEnd('2026-10-25')).toBe('2026-10-25T23:59:59.999Z');
  });

  it('the last day that can be written has an end too (GET /audit?to=9999-12-31 was a 500)', () => {
    expect(londonDayEnd('9999-12-31')).toBe('9999-12-31T23:59:59.999Z');
    expect(instantBound('9999-12-31', 'to')).toBe('9999-12-31T23:59:59.999Z');
  });

  it('an instant bound is normalised to UTC', () => {
    expect(instantBound('2026-07-01T12:00:00+01:00', 'from')).toBe('2026-07-01T11:00:00.000Z');
    expect(instantBound('2026-07-01', 'to')).toBe('2026-07-01T22:59:59.999Z');
  });
});
