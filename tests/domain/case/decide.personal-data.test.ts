import { describe, expect, it } from 'vitest';
import type { EligibilityBasis } from '../../../src/domain/case/basis.js';
import { decide } from '../../../src/domain/case/decide.js';
import type { CaseEvent } from '../../../src/domain/case/events.js';
import { evolve } from '../../../src/domain/case/evolve-case.js';
import { decideCorrection, type RecordedEvent } from '../../../src/domain/case/retraction.js';
import type { Case } from '../../../src/domain/case/state.js';
import { caseOn } from '../../../src/domain/case/timeline.js';
import { cmd, ev, refer, referred, rso, violent } from './support/builders.js';
import { TODAY, timelineFrom } from './support/given-when-then.js';

/** docs/DOMAIN.md section 13: the rules read the date of birth only when deciding, and keep what they need in clear. */
const SEALED = { sealed: 'a1.c2VhbGVkLXN1YmplY3Q' };
const YOUNG = { ref: 'SUBJ-0002', dateOfBirth: '1992-03-15' };
const ADULT = { ref: 'SUBJ-0001', dateOfBirth: '1970-03-15' };
/** 12 months' custody: ten years' notification, five for someone under 18 on the relevant date. */
const twelveMonths = (overrides = {}) => rso({ custodialMonths: 12, ...overrides }) as Extract<EligibilityBasis, { kind: 'registered-sexual-offender' }>;

const sealedReferral = (basis = violent(), under18?: boolean): CaseEvent =>
  referred({ subject: SEALED, basis: basis.kind === 'registered-sexual-offender' && under18 !== undefined ? { ...basis, under18AtRelevantDate: under18 } : basis });

const added = (decision: ReturnType<typeof decide>) => {
  if (!decision.ok) throw new Error(`refused: ${decision.error.code}`);
  return decision.value;
};

describe('under18AtRelevantDate is decided from the date of birth on every registered-sexual-offender basis', () => {
  it('on the referral, from the subject the command gives', () => {
    const [young] = added(decide(refer({ subject: YOUNG, basis: twelveMonths() }), [], TODAY));
    const [adult] = added(decide(refer({ subject: ADULT, basis: twelveMonths() }), [], TODAY));
    expect(young).toMatchObject({ basis: { under18AtRelevantDate: true } });
    expect(adult).toMatchObject({ basis: { under18AtRelevantDate: false } });
  });

  it('on a basis added, from the subject the handler opened, and not on a basis of another kind', () => {
    const timeline = timelineFrom([sealedReferral()]);
    const [young] = added(decide(cmd('AddEligibilityBasis', '2009-01-01', { basis: twelveMonths({ basisId: 'rso-2' }) }), timeline, TODAY, undefined, YOUNG));
    const [adult] = added(decide(cmd('AddEligibilityBasis', '2009-01-01', { basis: twelveMonths({ basisId: 'rso-2' }) }), timeline, TODAY, undefined, ADULT));
    const [other] = added(decide(cmd('AddEligibilityBasis', '2009-01-01', { basis: violent({ basisId: 'vo-2' }) }), timeline, TODAY, undefined, ADULT));
    expect(young).toEqual(ev('EligibilityBasisAdded', '2009-01-01', { basis: { ...twelveMonths({ basisId: 'rso-2' }), under18AtRelevantDate: true } }));
    expect(adult).toMatchObject({ basis: { under18AtRelevantDate: false } });
    expect(other).toEqual(ev('EligibilityBasisAdded', '2009-01-01', { basis: violent({ basisId: 'vo-2' }) }));
  });

  it('on a basis given on reopening', () => {
    const timeline = timelineFrom([sealedReferral(), ev('CaseClosed', '2009-01-01', { reason: 'risk-reduced' })]);
    const [reopened] = added(decide(cmd('ReopenCase', '2010-01-01', { basis: twelveMonths({ basisId: 'rso-2' }) }), timeline, TODAY, undefined, YOUNG));
    expect(reopened).toMatchObject({ type: 'CaseReopened', basis: { under18AtRelevantDate: true } });
  });

  it('the fold halves the period by the flag alone, as it did from the clear date of birth of an older referral', () => {
    const lastDayOf = (events: CaseEvent[]) => (caseOn(timelineFrom(events), '2009-01-01') as Case).bases[0]!.lastDay;
    const clearYoung = lastDayOf([referred({ subject: YOUNG, basis: twelveMonths() })]);
    const clearAdult = lastDayOf([referred({ subject: ADULT, basis: twelveMonths() })]);
    expect(clearYoung).toBe('2013-01-09');
    expect(clearAdult).toBe('2018-01-09');
    expect(lastDayOf([sealedReferral(twelveMonths(), true)])).toBe(clearYoung);
    expect(lastDayOf([sealedReferral(twelveMonths(), false)])).toBe(clearAdult);
    // The flag wins over the clear date of birth: what was decided is what stands.
    expect(lastDayOf([referred({ subject: ADULT, basis: { ...twelveMonths(), under18AtRelevantDate: true } })])).toBe(clearYoung);
  });

  it('the basis before birth rule reads the opened date of birth of a sealed subject', () => {
    const timeline = timelineFrom([sealedReferral()]);
    const decision = decide(cmd('AddEligibilityBasis', '2009-01-01', { basis: violent({ basisId: 'vo-2', startDate: '1980-01-01' }) }), timeline, TODAY, undefined, YOUNG);
    expect(decision).toMatchObject({ ok: false, error: { code: 'basis-before-birth', field: 'basis.startDate' } });
  });
});

describe('subject-erased: a command whose rules need the date of birth, on a subject whose key was destroyed', () => {
  const timeline = timelineFrom([sealedReferral(), ev('CaseClosed', '2009-01-01', { reason: 'risk-reduced' })]);

  it('AddEligibilityBasis and ReopenCase with a basis are refused', () => {
    const open = timelineFrom([sealedReferral()]);
    expect(decide(cmd('AddEligibilityBasis', '2009-01-01', { basis: violent({ basisId: 'vo-2' }) }), open, TODAY, undefined, 'erased')).toMatchObject({ ok: false, error: { code: 'subject-erased' } });
    expect(decide(cmd('ReopenCase', '2010-01-01', { basis: violent({ basisId: 'vo-2' }) }), timeline, TODAY, undefined, 'erased')).toMatchObject({ ok: false, error: { code: 'subject-erased' } });
  });

  it('a correction whose replacement needs the subject is refused', () => {
    const records: RecordedEvent[] = [
      { eventId: 'e-0', position: 0, causationId: 'c-0', event: sealedReferral() },
      { eventId: 'e-1', position: 1, causationId: 'c-1', event: ev('TakenIntoCustody', '2008-06-01', { reason: 'remand' }) },
    ];
    const correction = { type: 'CorrectEvents' as const, eventIds: ['e-1'], reason: 'recorded-in-error' as const, replacement: cmd('AddEligibilityBasis', '2008-06-01', { basis: violent({ basisId: 'vo-2' }) }) };
    expect(decideCorrection(correction as never, records, TODAY, 'erased')).toMatchObject({ ok: false, error: { code: 'subject-erased' } });
    expect(decideCorrection(correction as never, records, TODAY, ADULT)).toMatchObject({ ok: true });
  });

  it('commands that need no personal data are decided without it', () => {
    expect(decide(cmd('ReopenCase', '2010-01-01', { level: 2 }), timelineFrom([sealedReferral(violent()), ev('CaseClosed', '2009-01-01', { reason: 'risk-reduced' })]), TODAY)).toMatchObject({ ok: true });
    expect(decide(cmd('RecordCustody', '2009-01-01', { reason: 'remand' }), timelineFrom([sealedReferral()]), TODAY)).toMatchObject({ ok: true });
  });

  it('a sealed subject the caller did not open for a command that needs it is a bug, not a refusal', () => {
    expect(() => decide(cmd('AddEligibilityBasis', '2009-01-01', { basis: violent({ basisId: 'vo-2' }) }), timelineFrom([sealedReferral()]), TODAY)).toThrow(/open it/);
  });

  it('a referral folds with its sealed subject kept as stored', () => {
    expect(evolve(null, sealedReferral())?.subject).toEqual(SEALED);
  });
});
