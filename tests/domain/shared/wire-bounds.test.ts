import { describe, expect, it } from 'vitest';
import { areaEvents, populationRecord } from '../../../src/domain/area/events.js';
import { caseCommand } from '../../../src/domain/case/commands.js';
import { caseEvents } from '../../../src/domain/case/event-versions.js';
import { businessDate } from '../../../src/domain/shared/business-date.js';
import { instant } from '../../../src/domain/shared/instant.js';
import { reportingYear } from '../../../src/domain/shared/reporting-year.js';
import { cmd, refer, rso, violent } from '../case/support/builders.js';

const issues = (schema: { safeParse: (v: unknown) => { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } } }, value: unknown) => {
  const r = schema.safeParse(value);
  return r.success ? [] : r.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

/** docs/CHECKS.md B1: every date of the wire format is within a plausible range, named when refused. */
describe('dates of the wire format are bounded to the years 1900-2200', () => {
  it('accepts the first and last day of the range, and refuses the days around it', () => {
    expect(businessDate.safeParse('1900-01-01').success).toBe(true);
    expect(businessDate.safeParse('2200-12-31').success).toBe(true);
    expect(issues(businessDate, '2201-01-01')).toEqual([': must be a date from 1900-01-01 to 2200-12-31']);
    expect(issues(businessDate, '1899-12-31')).toEqual([': must be a calendar date written YYYY-MM-DD (1900 or later)']);
  });

  it('poison event: a basis ending in 9999 is refused in every command that carries one, naming the field', () => {
    expect(issues(caseCommand, refer({ basis: rso({ notificationEnds: '9999-06-01' }) }))).toEqual(['basis.notificationEnds: must be a date from 1900-01-01 to 2200-12-31']);
    expect(issues(caseCommand, cmd('AddEligibilityBasis', '2009-01-01', { basis: violent({ ends: '9999-12-31' }) }))).toEqual(['basis.ends: must be a date from 1900-01-01 to 2200-12-31']);
    expect(issues(caseCommand, cmd('ReopenCase', '2009-01-01', { basis: rso({ notificationEnds: '9999-03-31' }) }))).toEqual(['basis.notificationEnds: must be a date from 1900-01-01 to 2200-12-31']);
  });

  it('bounds every other date a command carries', () => {
    expect(issues(caseCommand, refer({ subject: { ref: 'S', dateOfBirth: '1800-01-01' } }))[0]).toMatch(/^subject\.dateOfBirth: /);
    expect(issues(caseCommand, cmd('RecordRelease', '2009-01-01', { licenceEnds: '2500-01-01' }))).toEqual(['licenceEnds: must be a date from 1900-01-01 to 2200-12-31']);
    expect(issues(caseCommand, cmd('RecordMappMeeting', '2009-01-01', { meetingId: 'm', level: 2, kind: 'initial', agencies: ['police'], nextReviewDue: '3000-01-01' })))
      .toEqual(['nextReviewDue: must be a date from 1900-01-01 to 2200-12-31']);
    expect(issues(caseCommand, cmd('RecordFullOrder', '2009-01-01', { orderId: 'o', madeOnConviction: true, orderType: 'SOPO', ends: '9000-01-01' }))).toEqual(['ends: must be a date from 1900-01-01 to 2200-12-31']);
  });

  it('bounds instants and reporting years the same way', () => {
    expect(instant.safeParse('2200-12-31T23:59:59Z').success).toBe(true);
    expect(instant.safeParse('2026-11-24T10:00:00+01:00').success).toBe(true);
    expect(issues(instant, '9999-12-31T00:00:00Z')).toEqual([': must be an instant from 1900 to 2200']);
    expect(issues(instant, '0001-01-01T00:00:00Z')).toEqual([': must be an instant from 1900 to 2200']);
    expect(reportingYear.safeParse('2199-00').success).toBe(true);
    expect(issues(reportingYear, '2200-01')).toEqual([': must be a reporting year from 1900-01 to 2199-00']);
    expect(issues(reportingYear, '9998-99')).toEqual([': must be a reporting year from 1900-01 to 2199-00']);
  });

  it('stored events keep their wider form: a log that already holds a date in 9999 still decodes', () => {
    const referral = { ...refer({ basis: rso({ notificationEnds: '9999-06-01' }) }), type: undefined, level: 1, inCustody: false };
    const { type: _type, ...data } = referral;
    expect(caseEvents.decode('OffenderReferred', 1, data)).toMatchObject({ basis: { notificationEnds: '9999-06-01' } });
    expect(areaEvents.decode('AreaPopulationRecorded', 1, { area: 'cumbria', reportingYear: '9000-01', population: 5, basis: 'all-ages', source: 'a\u202eb' })).toMatchObject({ reportingYear: '9000-01' });
    expect(issues(populationRecord, { population: 5, basis: 'all-ages', source: 'census\r\n2011' })[0]).toMatch(/^source: /);
  });
});
