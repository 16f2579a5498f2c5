import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { caseCommand, COMMAND_TYPES } from '../../../src/domain/case/commands.js';
import { refer, rso, violent } from './support/builders.js';

const issues = (body: unknown) => {
  const r = caseCommand.safeParse(body);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('the command wire format (docs/DOMAIN.md section 4)', () => {
  it('has every command type of the catalogue', () => {
    expect([...COMMAND_TYPES].sort()).toEqual([
      'AddEligibilityBasis', 'ApplyForCivilOrder', 'ChangeLeadAgency', 'ChangeLocalUnit', 'ChargeSeriousFurtherOffence',
      'CloseCase', 'DischargeCivilOrder', 'EndEligibilityBasis', 'RecallOnLicence', 'RecordCivilOrderBreach', 'RecordCustody',
      'RecordDeath', 'RecordFullOrder', 'RecordInterimOrder', 'RecordMappMeeting', 'RecordNotificationBreach', 'RecordRelease',
      'RecordSeriousFurtherOffenceOutcome', 'ReferOffender', 'RefuseCivilOrder', 'ReopenCase', 'SetManagementLevel', 'TransferCase',
    ]);
  });

  it('refuses unknown fields, at the top and inside nested objects', () => {
    expect(issues({ ...refer(), actor: 'someone-else' })).toEqual([': Unrecognized key: "actor"']);
    expect(issues({ ...refer(), subject: { ref: 'x', dateOfBirth: '1970-01-01', name: 'n' } })).toEqual(['subject: Unrecognized key: "name"']);
    expect(issues({ ...refer(), basis: { ...rso(), colour: 'red' } })).toEqual(['basis: Unrecognized key: "colour"']);
    expect(issues({ type: 'RecordDeath', occurredOn: '2010-01-01', reason: 'x' })).toEqual([': Unrecognized key: "reason"']);
  });

  it('names the field of each refusal', () => {
    expect(issues({ ...refer(), occurredOn: '2010-02-30' })).toEqual(['occurredOn: must be a calendar date written YYYY-MM-DD (1900 or later)']);
    expect(issues({ ...refer(), area: 'atlantis' })[0]).toMatch(/^area: /);
    expect(issues({ ...refer(), level: 4 })[0]).toMatch(/^level: /);
    expect(issues({ type: 'RecordMappMeeting', occurredOn: '2010-01-01', meetingId: 'm', level: 1, kind: 'initial', agencies: ['police'] })[0]).toMatch(/^level: /);
    expect(issues({ type: 'RecordMappMeeting', occurredOn: '2010-01-01', meetingId: 'm', level: 2, kind: 'initial', agencies: [] })[0]).toMatch(/^agencies: /);
    expect(issues({ type: 'TransferCase', occurredOn: '2010-01-01' })[0]).toMatch(/^toArea: /);
  });

  it('checks dates against occurredOn', () => {
    expect(issues({ type: 'RecordMappMeeting', occurredOn: '2010-01-01', meetingId: 'm', level: 2, kind: 'initial', agencies: ['police'], nextReviewDue: '2010-01-01' }))
      .toEqual(['nextReviewDue: must be after occurredOn']);
    expect(issues({ type: 'ChargeSeriousFurtherOffence', occurredOn: '2010-01-01', chargeId: 'c', offenceDate: '2010-01-02' })).toEqual(['offenceDate: must be on or before occurredOn']);
    expect(issues({ type: 'RecordRelease', occurredOn: '2010-01-01', licenceEnds: '2009-12-31' })).toEqual(['licenceEnds: must be after occurredOn']);
    expect(issues({ type: 'AddEligibilityBasis', occurredOn: '2010-01-01', basis: violent({ startDate: '2010-01-02' }) })).toEqual(['basis.startDate: must be on or before occurredOn']);
    expect(issues({ ...refer(), subject: { ref: 'x', dateOfBirth: '2008-03-01' } })).toEqual(['basis.relevantDate: must be on or after subject.dateOfBirth']);
    expect(issues({ ...refer(), subject: { ref: 'x', dateOfBirth: '2009-01-01' } })).toContain('subject.dateOfBirth: must be on or before occurredOn');
  });

  it('checks the basis', () => {
    expect(issues({ ...refer(), basis: rso({ custodialMonths: undefined }) })).toEqual(['basis.custodialMonths: is required when disposal is custody (or give indefinite or notificationEnds)']);
    expect(issues({ ...refer(), basis: violent({ sentenceMonths: 11 }) })[0]).toMatch(/^basis.sentenceMonths: /);
    expect(issues({ ...refer(), basis: violent({ sentenceMonths: undefined }) })).toEqual(['basis.sentenceMonths: one of sentenceMonths (12 or more) or hospitalOrder: true is required']);
    expect(issues({ ...refer(), basis: violent({ sentenceMonths: undefined, hospitalOrder: true }) })).toEqual([]);
    expect(issues({ ...refer(), basis: rso({ indefinite: true, notificationEnds: '2030-01-01' }) })).toEqual(['basis.notificationEnds: cannot be given with indefinite: true']);
  });

  it('requires orderType for an order made on conviction', () => {
    expect(issues({ type: 'RecordFullOrder', occurredOn: '2010-01-01', orderId: 'o', madeOnConviction: true })).toEqual(['orderType: is required when madeOnConviction is true']);
  });

  it('refuses ids outside 1-64 of A-Za-z0-9_-', () => {
    expect(issues({ type: 'RecordInterimOrder', occurredOn: '2010-01-01', orderId: '../etc' })[0]).toMatch(/^orderId: /);
    expect(issues({ type: 'RecordInterimOrder', occurredOn: '2010-01-01', orderId: 'o'.repeat(65) })[0]).toMatch(/^orderId: /);
  });

  it('never throws on arbitrary JSON, and every refusal has a message', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.jsonValue(),
          fc.record({ type: fc.constantFrom(...COMMAND_TYPES), occurredOn: fc.oneof(fc.string(), fc.constant('2010-01-01')) }, { requiredKeys: ['type'] }),
          fc.dictionary(fc.constantFrom('type', 'occurredOn', 'basis', '__proto__', 'constructor', 'level', 'orderId'), fc.jsonValue()).map((d) => ({ type: 'ReferOffender', ...d })),
        ),
        (body) => {
          const r = caseCommand.safeParse(body);
          if (!r.success) for (const issue of r.error.issues) expect(issue.message.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
