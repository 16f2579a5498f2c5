import { describe, expect, it } from 'vitest';
import { cmd, ev, referred } from './support/builders.js';
import { given } from './support/given-when-then.js';

describe('a backdated command', () => {
  it('is checked against the case as it stood on its occurredOn, not as it stands now', () => {
    const basisEnded = [referred(), ev('EligibilityBasisEnded', '2010-01-01', { basisId: 'rso-1', reason: 'quashed' })];
    given(...basisEnded)
      .when(cmd('RecordNotificationBreach', '2009-06-01', { disposal: 'conviction' }))
      .then(ev('NotificationBreachRecorded', '2009-06-01', { disposal: 'conviction' }));
    given(...basisEnded).when(cmd('RecordNotificationBreach', '2010-02-01', { disposal: 'conviction' })).thenRefused('not-subject-to-notification');
    // In custody now, but not yet on 2008-08-01.
    given(referred(), ev('TakenIntoCustody', '2008-09-01', { reason: 'remand' }))
      .when(cmd('RecordRelease', '2008-08-01', {}))
      .thenRefused('not-in-custody');
  });

  it('is refused when its event would make a later event invalid', () => {
    given(referred(), ev('TakenIntoCustody', '2008-09-01', { reason: 'remand' }))
      .when(cmd('RecordCustody', '2008-08-01', { reason: 'remand' }))
      .thenRefused('already-in-custody');
  });

  it('is accepted when every later fact still holds', () => {
    given(referred(), ev('TakenIntoCustody', '2008-09-01', { reason: 'remand' }), ev('ReleasedFromCustody', '2008-09-10', {}))
      .when(cmd('ChangeLocalUnit', '2008-08-01', { localUnit: 'South BCU' }))
      .then(ev('LocalUnitChanged', '2008-08-01', { localUnit: 'South BCU' }));
  });

  it('is refused when a later fact would no longer hold, naming that fact', () => {
    const { decision } = given(referred(), ev('CaseClosed', '2009-06-01', { reason: 'other' })).when(cmd('CloseCase', '2009-01-01', { reason: 'other' }));
    expect(decision).toMatchObject({
      ok: false,
      error: { code: 'case-closed', laterFact: { type: 'CaseClosed', occurredOn: '2009-06-01', position: 1 } },
    });
  });

  it('is refused when it would leave a later recall without a licence', () => {
    given(referred({ inCustody: true }), ev('ReleasedFromCustody', '2008-06-01', { licenceEnds: '2010-01-01' }), ev('LicenceRecalled', '2009-01-01', {}))
      .when(cmd('RecordCustody', '2008-12-01', { reason: 'remand' }))
      .thenRefused('not-on-licence');
  });

  it('is refused when a backdated death precedes recorded facts', () => {
    given(referred(), ev('LocalUnitChanged', '2009-06-01', { localUnit: 'x' }))
      .when(cmd('RecordDeath', '2009-01-01', {}))
      .thenRefused('subject-deceased');
  });

  it('is refused when ending a basis early would leave a later notification breach unsupported', () => {
    given(referred(), ev('NotificationBreachRecorded', '2009-06-01', { disposal: 'caution' }))
      .when(cmd('EndEligibilityBasis', '2009-01-01', { basisId: 'rso-1', reason: 'quashed' }))
      .thenRefused('not-subject-to-notification');
  });

  it('takes effect after events already recorded for the same day', () => {
    // The meeting on 2009-01-01 already moved the case to level 2, so level 2 that day is a no-op.
    given(
      referred(),
      ev('MappMeetingRecorded', '2009-01-01', { meetingId: 'm-1', level: 2, kind: 'initial', agencies: ['police'] }),
      ev('ManagementLevelChanged', '2009-01-01', { level: 2, meetingId: 'm-1' }),
      ev('ManagementLevelChanged', '2009-03-01', { level: 1 }),
    )
      .when(cmd('SetManagementLevel', '2009-01-01', { level: 2 }))
      .thenNothing();
  });
});
