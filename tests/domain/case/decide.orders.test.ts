import { describe, it } from 'vitest';
import { cmd, ev, referred } from './support/builders.js';
import { given } from './support/given-when-then.js';

const applied = ev('CivilOrderApplied', '2009-01-01', { orderId: 'o-1', orderType: 'SOPO', applicant: 'police' });

describe('ApplyForCivilOrder', () => {
  it('records an application', () => {
    given(referred())
      .when(cmd('ApplyForCivilOrder', '2009-01-01', { orderId: 'o-1', orderType: 'SOPO', applicant: 'police' }))
      .then(applied);
  });

  it('refuses an orderId already used: order-already-exists', () => {
    given(referred(), applied)
      .when(cmd('ApplyForCivilOrder', '2009-02-01', { orderId: 'o-1', orderType: 'NO', applicant: 'nca' }))
      .thenRefused('order-already-exists');
  });

  it.each([
    ['SOPO', '2015-03-07', true], ['SOPO', '2015-03-08', false],
    ['FTO', '2015-03-07', true], ['FTO', '2015-03-08', false],
    ['SHPO', '2015-03-07', false], ['SHPO', '2015-03-08', true],
    ['SRO', '2015-03-07', false], ['SRO', '2015-03-08', true],
    ['NO', '2009-01-01', true], ['NO', '2020-01-01', true],
  ] as const)('%s on %s is available: %s (order-type-not-available otherwise)', (orderType, date, available) => {
    const when = given(referred()).when(cmd('ApplyForCivilOrder', date, { orderId: 'o-1', orderType, applicant: 'police' }));
    if (available) when.then(ev('CivilOrderApplied', date, { orderId: 'o-1', orderType, applicant: 'police' }));
    else when.thenRefused('order-type-not-available');
  });
});

describe('RecordInterimOrder', () => {
  it('makes an interim order on a pending application', () => {
    given(referred(), applied).when(cmd('RecordInterimOrder', '2009-01-15', { orderId: 'o-1' })).then(ev('InterimCivilOrderMade', '2009-01-15', { orderId: 'o-1' }));
  });

  it('refuses without a pending application: no-pending-application', () => {
    given(referred()).when(cmd('RecordInterimOrder', '2009-01-15', { orderId: 'o-1' })).thenRefused('no-pending-application');
  });

  it('refuses a SOPO interim order after the 2015 switch: order-type-not-available', () => {
    given(referred(), ev('CivilOrderApplied', '2015-03-01', { orderId: 'o-1', orderType: 'SOPO', applicant: 'police' }))
      .when(cmd('RecordInterimOrder', '2015-03-08', { orderId: 'o-1' }))
      .thenRefused('order-type-not-available');
  });
});

describe('RecordFullOrder', () => {
  it('makes a full order on an application, taking its type', () => {
    given(referred(), applied)
      .when(cmd('RecordFullOrder', '2009-03-01', { orderId: 'o-1', ends: '2014-03-01' }))
      .then(ev('FullCivilOrderMade', '2009-03-01', { orderId: 'o-1', orderType: 'SOPO', madeOnConviction: false, ends: '2014-03-01' }));
  });

  it('makes a full order after an interim one', () => {
    given(referred(), applied, ev('InterimCivilOrderMade', '2009-01-15', { orderId: 'o-1' }))
      .when(cmd('RecordFullOrder', '2009-03-01', { orderId: 'o-1' }))
      .then(ev('FullCivilOrderMade', '2009-03-01', { orderId: 'o-1', orderType: 'SOPO', madeOnConviction: false }));
  });

  it('makes an order on conviction with no application', () => {
    given(referred())
      .when(cmd('RecordFullOrder', '2009-03-01', { orderId: 'o-9', orderType: 'SOPO', madeOnConviction: true }))
      .then(ev('FullCivilOrderMade', '2009-03-01', { orderId: 'o-9', orderType: 'SOPO', madeOnConviction: true }));
  });

  it('refuses an order on conviction reusing an orderId: order-already-exists', () => {
    given(referred(), applied)
      .when(cmd('RecordFullOrder', '2009-03-01', { orderId: 'o-1', orderType: 'SOPO', madeOnConviction: true }))
      .thenRefused('order-already-exists');
  });

  it('refuses without an application: no-pending-application', () => {
    given(referred()).when(cmd('RecordFullOrder', '2009-03-01', { orderId: 'o-1' })).thenRefused('no-pending-application');
  });

  it('refuses a refused application: no-pending-application', () => {
    given(referred(), applied, ev('CivilOrderRefused', '2009-02-01', { orderId: 'o-1' }))
      .when(cmd('RecordFullOrder', '2009-03-01', { orderId: 'o-1' }))
      .thenRefused('no-pending-application');
  });

  it('refuses another type than applied for: order-type-mismatch', () => {
    given(referred(), applied).when(cmd('RecordFullOrder', '2009-03-01', { orderId: 'o-1', orderType: 'NO' })).thenRefused('order-type-mismatch');
  });

  it('refuses an SHPO on conviction before 8 March 2015: order-type-not-available', () => {
    given(referred())
      .when(cmd('RecordFullOrder', '2015-03-07', { orderId: 'o-1', orderType: 'SHPO', madeOnConviction: true }))
      .thenRefused('order-type-not-available');
  });
});

describe('RefuseCivilOrder', () => {
  it('refuses a pending application', () => {
    given(referred(), applied).when(cmd('RefuseCivilOrder', '2009-02-01', { orderId: 'o-1' })).then(ev('CivilOrderRefused', '2009-02-01', { orderId: 'o-1' }));
  });

  it('refuses an interim order at the full hearing', () => {
    given(referred(), applied, ev('InterimCivilOrderMade', '2009-01-15', { orderId: 'o-1' }))
      .when(cmd('RefuseCivilOrder', '2009-02-01', { orderId: 'o-1' }))
      .then(ev('CivilOrderRefused', '2009-02-01', { orderId: 'o-1' }));
  });

  it('cannot refuse a full order: no-pending-application', () => {
    given(referred(), applied, ev('FullCivilOrderMade', '2009-01-15', { orderId: 'o-1', orderType: 'SOPO', madeOnConviction: false }))
      .when(cmd('RefuseCivilOrder', '2009-02-01', { orderId: 'o-1' }))
      .thenRefused('no-pending-application');
  });
});

describe('DischargeCivilOrder and RecordCivilOrderBreach', () => {
  const full = ev('FullCivilOrderMade', '2009-03-01', { orderId: 'o-1', orderType: 'SOPO', madeOnConviction: false, ends: '2014-02-28' });

  it('discharges an order in force', () => {
    given(referred(), applied, full).when(cmd('DischargeCivilOrder', '2010-01-01', { orderId: 'o-1' })).then(ev('CivilOrderDischarged', '2010-01-01', { orderId: 'o-1' }));
  });

  it('refuses to discharge a pending application: order-not-in-force', () => {
    given(referred(), applied).when(cmd('DischargeCivilOrder', '2010-01-01', { orderId: 'o-1' })).thenRefused('order-not-in-force');
  });

  it('records a breach of an interim order', () => {
    given(referred(), applied, ev('InterimCivilOrderMade', '2009-01-15', { orderId: 'o-1' }))
      .when(cmd('RecordCivilOrderBreach', '2009-02-01', { orderId: 'o-1', disposal: 'non-custodial' }))
      .then(ev('CivilOrderBreached', '2009-02-01', { orderId: 'o-1', disposal: 'non-custodial' }));
  });

  it('records a breach of a SOPO after 2015: orders made earlier stay in force', () => {
    given(referred(), ev('FullCivilOrderMade', '2012-03-01', { orderId: 'o-1', orderType: 'SOPO', madeOnConviction: true }))
      .when(cmd('RecordCivilOrderBreach', '2016-02-01', { orderId: 'o-1', disposal: 'custody' }))
      .then(ev('CivilOrderBreached', '2016-02-01', { orderId: 'o-1', disposal: 'custody' }));
  });

  it('refuses a breach after the order ended: order-not-in-force', () => {
    given(referred(), applied, full).when(cmd('RecordCivilOrderBreach', '2014-03-01', { orderId: 'o-1', disposal: 'caution' })).thenRefused('order-not-in-force');
  });

  it('refuses a breach of a discharged order: order-not-in-force', () => {
    given(referred(), applied, full, ev('CivilOrderDischarged', '2010-01-01', { orderId: 'o-1' }))
      .when(cmd('RecordCivilOrderBreach', '2010-02-01', { orderId: 'o-1', disposal: 'caution' }))
      .thenRefused('order-not-in-force');
  });

  it('a custodial disposal puts the subject in custody: a custody record that day is refused', () => {
    given(referred(), applied, full, ev('CivilOrderBreached', '2010-02-01', { orderId: 'o-1', disposal: 'custody' }))
      .when(cmd('RecordCustody', '2010-02-01', { reason: 'sentence' }))
      .thenRefused('already-in-custody');
  });
});
