import { describe, expect, it } from 'vitest';
import { caseOn } from '../../../src/domain/case/timeline.js';
import { cmd, ev, otherDangerous, referred, rso } from './support/builders.js';
import { given, timelineFrom } from './support/given-when-then.js';

describe('TransferCase', () => {
  it('moves the case to another area with a new local unit', () => {
    given(referred()).when(cmd('TransferCase', '2009-01-01', { toArea: 'lancashire', localUnit: 'Preston' })).then(ev('CaseTransferred', '2009-01-01', { toArea: 'lancashire', localUnit: 'Preston' }));
  });

  it('refuses the area the case is in: same-area', () => {
    given(referred()).when(cmd('TransferCase', '2009-01-01', { toArea: 'cumbria' })).thenRefused('same-area');
  });

  it('keeps level, bases, custody, licence, orders and charges; the case is in the new area that day', () => {
    const timeline = timelineFrom([
      referred({ level: 2, inCustody: true }),
      ev('ReleasedFromCustody', '2008-07-01', { licenceEnds: '2010-01-01' }),
      ev('FullCivilOrderMade', '2008-08-01', { orderId: 'o-1', orderType: 'SOPO', madeOnConviction: true }),
      ev('SeriousFurtherOffenceCharged', '2008-09-01', { chargeId: 'c-1', offenceDate: '2008-08-20' }),
      ev('CaseTransferred', '2009-01-01', { toArea: 'lancashire' }),
    ]);
    const before = caseOn(timeline, '2008-12-31')!;
    const after = caseOn(timeline, '2009-01-01')!;
    expect(before.area).toBe('cumbria');
    expect(after).toEqual({ ...before, area: 'lancashire', lastEventOn: '2009-01-01', eventCount: before.eventCount + 1 });
  });
});

describe('ChangeLeadAgency and ChangeLocalUnit', () => {
  it('change the lead agency', () => {
    given(referred()).when(cmd('ChangeLeadAgency', '2009-01-01', { leadAgency: 'probation' })).then(ev('LeadAgencyChanged', '2009-01-01', { leadAgency: 'probation' }));
  });

  it('accept the same lead agency with no event', () => {
    given(referred()).when(cmd('ChangeLeadAgency', '2009-01-01', { leadAgency: 'police' })).thenNothing();
  });

  it('change the local unit', () => {
    given(referred()).when(cmd('ChangeLocalUnit', '2009-01-01', { localUnit: 'West BCU' })).then(ev('LocalUnitChanged', '2009-01-01', { localUnit: 'West BCU' }));
  });
});

describe('RecordDeath', () => {
  it('records the death', () => {
    given(referred()).when(cmd('RecordDeath', '2009-01-01', {})).then(ev('SubjectDied', '2009-01-01', {}));
  });

  it('ends every basis and closes the case that day', () => {
    const c = caseOn(timelineFrom([referred(), ev('SubjectDied', '2009-01-01', {})]), '2009-01-01')!;
    expect(c).toMatchObject({ open: false, deceased: true, diedOn: '2009-01-01', closedOn: '2009-01-01' });
    expect(c.bases.map((b) => b.endedOn)).toEqual(['2009-01-01']);
  });

  it('refuses every later command: subject-deceased, even on a closed case', () => {
    const dead = [referred(), ev('CaseClosed', '2008-12-01', { reason: 'other' }), ev('CaseReopened', '2008-12-15', { level: 1 }), ev('SubjectDied', '2009-01-01', {})];
    given(...dead).when(cmd('CloseCase', '2009-02-01', { reason: 'other' })).thenRefused('subject-deceased');
    given(...dead).when(cmd('ReopenCase', '2009-02-01', {})).thenRefused('subject-deceased');
    given(...dead).when(cmd('RecordDeath', '2009-02-01', {})).thenRefused('subject-deceased');
  });

  it('subject-deceased takes precedence over case-closed (death closes the case)', () => {
    given(referred(), ev('SubjectDied', '2009-01-01', {})).when(cmd('ChangeLocalUnit', '2009-02-01', { localUnit: 'x' })).thenRefused('subject-deceased');
  });
});

describe('CloseCase', () => {
  it('closes an open case', () => {
    given(referred()).when(cmd('CloseCase', '2009-01-01', { reason: 'risk-reduced' })).then(ev('CaseClosed', '2009-01-01', { reason: 'risk-reduced' }));
  });

  it('refuses a closed case: case-closed', () => {
    given(referred(), ev('CaseClosed', '2009-01-01', { reason: 'other' })).when(cmd('CloseCase', '2009-02-01', { reason: 'other' })).thenRefused('case-closed');
  });

  it('ends no basis', () => {
    const c = caseOn(timelineFrom([referred(), ev('CaseClosed', '2009-01-01', { reason: 'left-jurisdiction' })]), '2009-01-01')!;
    expect(c.open).toBe(false);
    expect(c.bases.map((b) => b.endedOn)).toEqual([null]);
  });

  it('every command but ReopenCase needs an open case: case-closed', () => {
    given(referred(), ev('CaseClosed', '2009-01-01', { reason: 'other' })).when(cmd('SetManagementLevel', '2009-02-01', { level: 1 })).thenRefused('case-closed');
    given(referred(), ev('CaseClosed', '2009-01-01', { reason: 'other' })).when(cmd('RecordCustody', '2009-01-01', { reason: 'remand' })).thenRefused('case-closed');
  });
});

describe('ReopenCase', () => {
  const closed = [referred({ level: 2 }), ev('CaseClosed', '2009-01-01', { reason: 'risk-reduced' })];

  it('reopens at the level the case had when closed', () => {
    given(...closed).when(cmd('ReopenCase', '2009-06-01', {})).then(ev('CaseReopened', '2009-06-01', { level: 2 }));
  });

  it('reopens with a new basis and level', () => {
    given(...closed)
      .when(cmd('ReopenCase', '2009-06-01', { level: 3, basis: otherDangerous({ startDate: '2009-06-01' }) }))
      .then(ev('CaseReopened', '2009-06-01', { level: 3, basis: otherDangerous({ startDate: '2009-06-01' }) }));
  });

  it('refuses an open case: case-not-closed', () => {
    given(referred()).when(cmd('ReopenCase', '2009-06-01', {})).thenRefused('case-not-closed');
  });

  it('refuses when no basis would be active: no-active-basis', () => {
    given(referred({ basis: rso({ notificationEnds: '2009-03-01' }) }), ev('CaseClosed', '2009-01-01', { reason: 'other' }))
      .when(cmd('ReopenCase', '2009-06-01', {}))
      .thenRefused('no-active-basis');
  });

  it('refuses a new basis reusing a basisId: basis-already-exists', () => {
    given(...closed).when(cmd('ReopenCase', '2009-06-01', { basis: rso() })).thenRefused('basis-already-exists');
  });

  it('refuses category 3 at level 1: category-3-requires-level-2-or-3', () => {
    given(referred({ basis: rso({ notificationEnds: '2009-03-01' }) }), ev('CaseClosed', '2009-01-01', { reason: 'other' }))
      .when(cmd('ReopenCase', '2009-06-01', { level: 1, basis: otherDangerous({ startDate: '2009-06-01' }) }))
      .thenRefused('category-3-requires-level-2-or-3');
  });
});

describe('dates', () => {
  it('refuses a command dated before the referral: before-referral', () => {
    given(referred({ occurredOn: '2008-05-01' })).when(cmd('ChangeLocalUnit', '2008-04-30', { localUnit: 'x' })).thenRefused('before-referral');
  });

  it('refuses a command dated after today: occurred-in-future', () => {
    given(referred()).when(cmd('ChangeLocalUnit', '2026-11-25', { localUnit: 'x' }), '2026-11-24').thenRefused('occurred-in-future');
  });
});
