import { describe, expect, it } from 'vitest';
import { caseOn } from '../../../src/domain/case/timeline.js';
import { cmd, ev, referred } from './support/builders.js';
import { given, timelineFrom } from './support/given-when-then.js';

const charged = ev('SeriousFurtherOffenceCharged', '2009-02-01', { chargeId: 'c-1', offenceDate: '2009-01-20' });

describe('ChargeSeriousFurtherOffence', () => {
  it('records a charge', () => {
    given(referred())
      .when(cmd('ChargeSeriousFurtherOffence', '2009-02-01', { chargeId: 'c-1', offenceDate: '2009-01-20' }))
      .then(charged);
  });

  it('refuses a chargeId already used: charge-already-exists', () => {
    given(referred(), charged)
      .when(cmd('ChargeSeriousFurtherOffence', '2009-03-01', { chargeId: 'c-1', offenceDate: '2009-02-20' }))
      .thenRefused('charge-already-exists');
  });

  it('refuses an offence dated before the referral: before-referral', () => {
    given(referred({ occurredOn: '2008-05-01' }))
      .when(cmd('ChargeSeriousFurtherOffence', '2009-03-01', { chargeId: 'c-1', offenceDate: '2008-04-30' }))
      .thenRefused('before-referral');
  });
});

describe('RecordSeriousFurtherOffenceOutcome', () => {
  it('records the outcome of an open charge', () => {
    given(referred(), charged)
      .when(cmd('RecordSeriousFurtherOffenceOutcome', '2010-05-01', { chargeId: 'c-1', outcome: 'convicted' }))
      .then(ev('SeriousFurtherOffenceOutcomeRecorded', '2010-05-01', { chargeId: 'c-1', outcome: 'convicted' }));
  });

  it('refuses a charge already resolved: charge-not-open', () => {
    given(referred(), charged, ev('SeriousFurtherOffenceOutcomeRecorded', '2010-05-01', { chargeId: 'c-1', outcome: 'acquitted' }))
      .when(cmd('RecordSeriousFurtherOffenceOutcome', '2010-06-01', { chargeId: 'c-1', outcome: 'convicted' }))
      .thenRefused('charge-not-open');
  });

  it('refuses an unknown charge: charge-not-open', () => {
    given(referred()).when(cmd('RecordSeriousFurtherOffenceOutcome', '2010-06-01', { chargeId: 'c-9', outcome: 'other' })).thenRefused('charge-not-open');
  });

  it('death resolves open charges as other', () => {
    const c = caseOn(timelineFrom([referred(), charged, ev('SubjectDied', '2010-01-01', {})]), '2010-01-01')!;
    expect(c.charges).toEqual([expect.objectContaining({ chargeId: 'c-1', outcome: 'other', outcomeOn: '2010-01-01', resolvedByDeath: true })]);
  });
});
