import { describe, it } from 'vitest';
import { cmd, ev, referred } from './support/builders.js';
import { given } from './support/given-when-then.js';

describe('RecordCustody', () => {
  it('takes a subject in the community into custody', () => {
    given(referred()).when(cmd('RecordCustody', '2009-01-01', { reason: 'remand' })).then(ev('TakenIntoCustody', '2009-01-01', { reason: 'remand' }));
  });

  it('refuses a subject already in custody: already-in-custody', () => {
    given(referred({ inCustody: true })).when(cmd('RecordCustody', '2009-01-01', { reason: 'sentence' })).thenRefused('already-in-custody');
  });
});

describe('RecordRelease', () => {
  it('releases on licence', () => {
    given(referred({ inCustody: true }))
      .when(cmd('RecordRelease', '2009-01-01', { licenceEnds: '2010-01-01' }))
      .then(ev('ReleasedFromCustody', '2009-01-01', { licenceEnds: '2010-01-01' }));
  });

  it('refuses a subject in the community: not-in-custody', () => {
    given(referred()).when(cmd('RecordRelease', '2009-01-01', {})).thenRefused('not-in-custody');
  });
});

describe('RecallOnLicence', () => {
  const onLicence = [referred({ inCustody: true }), ev('ReleasedFromCustody', '2008-06-01', { licenceEnds: '2009-06-01' })];

  it('recalls a subject on a running licence', () => {
    given(...onLicence).when(cmd('RecallOnLicence', '2009-06-01', {})).then(ev('LicenceRecalled', '2009-06-01', {}));
  });

  it('refuses after the licence ended: not-on-licence', () => {
    given(...onLicence).when(cmd('RecallOnLicence', '2009-06-02', {})).thenRefused('not-on-licence');
  });

  it('refuses a subject released without licence: not-on-licence', () => {
    given(referred({ inCustody: true }), ev('ReleasedFromCustody', '2008-06-01', {}))
      .when(cmd('RecallOnLicence', '2009-01-01', {}))
      .thenRefused('not-on-licence');
  });

  it('refuses a subject already back in custody: not-on-licence', () => {
    given(...onLicence, ev('LicenceRecalled', '2008-09-01', {})).when(cmd('RecallOnLicence', '2008-10-01', {})).thenRefused('not-on-licence');
  });

  it('puts the case in custody: a release is then accepted', () => {
    given(...onLicence, ev('LicenceRecalled', '2008-09-01', {}))
      .when(cmd('RecordRelease', '2008-12-01', { licenceEnds: '2009-06-01' }))
      .then(ev('ReleasedFromCustody', '2008-12-01', { licenceEnds: '2009-06-01' }));
  });
});

describe('RecordNotificationBreach', () => {
  it('records a breach by a registered sexual offender', () => {
    given(referred()).when(cmd('RecordNotificationBreach', '2009-01-01', { disposal: 'caution' })).then(ev('NotificationBreachRecorded', '2009-01-01', { disposal: 'caution' }));
  });

  it('refuses when no category-1 basis is active that day: not-subject-to-notification', () => {
    given(referred({ basis: { kind: 'violent-offender', basisId: 'vo-1', startDate: '2008-01-01', sentenceMonths: 18 } }))
      .when(cmd('RecordNotificationBreach', '2009-01-01', { disposal: 'conviction' }))
      .thenRefused('not-subject-to-notification');
  });
});
