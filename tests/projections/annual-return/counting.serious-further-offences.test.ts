import { describe, expect, it } from 'vitest';
import { ev, referred } from '../../domain/case/support/builders.js';
import { given } from './given-cases.js';

const charge = (id: string, chargedOn: string, offenceDate: string) => ev('SeriousFurtherOffenceCharged', chargedOn, { chargeId: id, offenceDate });
const outcome = (id: string, on: string, o: 'convicted' | 'acquitted' | 'discontinued' | 'convicted-lesser' | 'other') =>
  ev('SeriousFurtherOffenceOutcomeRecorded', on, { chargeId: id, outcome: o });

describe('R06 (E09): charges with a serious further offence', () => {
  it('counts charges dated in the year by the level on the offence date', () => {
    const history = [
      referred({ occurredOn: '2007-01-01', level: 2 }),
      charge('c-1', '2008-06-01', '2008-05-20'),
      ev('ManagementLevelChanged', '2008-07-01', { level: 3 }),
      charge('c-2', '2008-08-01', '2008-06-25'),
      charge('c-3', '2008-09-01', '2008-08-15'),
    ];
    const atLevel1 = [referred({ occurredOn: '2007-01-01' }), charge('c-1', '2008-06-01', '2008-05-20')];
    expect(given(history, atLevel1).returnFor('2008-09').row('R06')).toEqual({ level2: 2, level3: 1, total: 3 });
  });

  it('a charge dated in the next year counts then, even for an offence in this one', () => {
    const history = [referred({ occurredOn: '2007-01-01', level: 2 }), charge('c-1', '2009-04-02', '2009-03-30')];
    expect(given(history).returnFor('2008-09').row('R06')['total']).toBe(0);
    expect(given(history).returnFor('2009-10').row('R06')['total']).toBe(1);
  });

  it('counts in the area the case was managed in on the offence date', () => {
    const history = [referred({ occurredOn: '2007-01-01', level: 2 }), ev('CaseTransferred', '2008-07-01', { toArea: 'durham' }), charge('c-1', '2008-08-01', '2008-06-20')];
    expect(given(history).returnFor('2008-09', 'cumbria').row('R06')['total']).toBe(1);
    expect(given(history).returnFor('2008-09', 'durham').row('R06')['total']).toBe(0);
  });
});

describe('R07 (E10): outcomes of charges, followed until resolved', () => {
  it('a charge in one year resolved two years later: remains charged, then convicted', () => {
    const history = [referred({ occurredOn: '2007-01-01', level: 2 }), charge('c-1', '2008-06-01', '2008-05-20'), outcome('c-1', '2010-05-01', 'convicted')];
    const r = (year: string) => given(history).returnFor(year).row('R07');
    expect(r('2007-08')).toEqual({ convicted: 0, otherOutcome: 0, remainCharged: 0 });
    expect(r('2008-09')).toEqual({ convicted: 0, otherOutcome: 0, remainCharged: 1 });
    expect(r('2009-10')).toEqual({ convicted: 0, otherOutcome: 0, remainCharged: 1 });
    expect(r('2010-11')).toEqual({ convicted: 1, otherOutcome: 0, remainCharged: 0 });
    expect(r('2011-12')).toEqual({ convicted: 0, otherOutcome: 0, remainCharged: 0 });
  });

  it('acquittal, discontinuance, a lesser conviction and death are other outcomes', () => {
    const cases = (['acquitted', 'discontinued', 'convicted-lesser', 'other'] as const).map((o) => [
      referred({ occurredOn: '2007-01-01', level: 2 }), charge('c-1', '2008-06-01', '2008-05-20'), outcome('c-1', '2008-12-01', o),
    ]);
    const died = [referred({ occurredOn: '2007-01-01', level: 3 }), charge('c-1', '2008-06-01', '2008-05-20'), ev('SubjectDied', '2009-01-01', {})];
    expect(given(...cases, died).returnFor('2008-09').row('R07')).toEqual({ convicted: 0, otherOutcome: 5, remainCharged: 0 });
  });

  it('charges not counted in R06 (level 1 on the offence date) are not followed', () => {
    expect(given([referred({ occurredOn: '2007-01-01' }), charge('c-1', '2008-06-01', '2008-05-20')]).returnFor('2008-09').row('R07'))
      .toEqual({ convicted: 0, otherOutcome: 0, remainCharged: 0 });
  });

  it('a charge still open years later remains charged every year', () => {
    const history = [referred({ occurredOn: '2007-01-01', level: 2 }), charge('c-1', '2008-06-01', '2008-05-20')];
    expect(given(history).returnFor('2020-21', 'cumbria', { format: '2008' }).row('R07')).toEqual({ convicted: 0, otherOutcome: 0, remainCharged: 1 });
  });
});
