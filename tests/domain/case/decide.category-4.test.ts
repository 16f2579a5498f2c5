import { describe, expect, it } from 'vitest';
import { caseCommand } from '../../../src/domain/case/commands.js';
import { reportedCategoryOn } from '../../../src/domain/case/state.js';
import { caseOn } from '../../../src/domain/case/timeline.js';
import { CATEGORY_4_FROM } from '../../../src/domain/rules/categories.js';
import { cmd, ev, otherDangerous, refer, referred, rso, terrorism, violent } from './support/builders.js';
import { given, timelineFrom } from './support/given-when-then.js';

const referredIn2024 = (overrides: Parameters<typeof referred>[0] = {}) => referred({ occurredOn: '2024-06-10', basis: rso({ relevantDate: '2024-05-01' }), ...overrides });

describe('the terrorism basis (category 4)', () => {
  it('is available from the category-4 edition: a referral on a terrorism basis starting that day is accepted', () => {
    expect(CATEGORY_4_FROM).toBe('2024-04-01');
    const basis = terrorism({ startDate: '2024-04-01' });
    given().when(refer({ occurredOn: '2024-04-02', basis })).then(referred({ occurredOn: '2024-04-02', basis }));
  });

  it('dated before the edition is refused: category-not-available (referral, added basis, reopening)', () => {
    const early = terrorism({ startDate: '2024-03-31' });
    given().when(refer({ occurredOn: '2024-04-02', basis: early })).thenRefused('category-not-available');
    given(referredIn2024({ occurredOn: '2024-04-10' })).when(cmd('AddEligibilityBasis', '2024-04-10', { basis: early })).thenRefused('category-not-available');
    given(referred(), ev('CaseClosed', '2010-01-01', { reason: 'other' }))
      .when(cmd('ReopenCase', '2024-05-01', { basis: terrorism({ startDate: '2020-01-01' }) }))
      .thenRefused('category-not-available');
  });

  it('names the start field and the first day in its refusal', () => {
    const decision = given().when(refer({ occurredOn: '2024-04-02', basis: terrorism({ startDate: '2023-01-01' }) })).decision;
    expect(decision.ok).toBe(false);
    if (!decision.ok) expect(decision.error.message).toContain('basis.startDate must be on or after 2024-04-01');
  });

  it('may be managed at level 1: the category-3 level rule does not apply to category 4', () => {
    const basis = terrorism({ subtype: 'terrorism-risk' });
    given().when(refer({ occurredOn: '2024-06-02', basis, level: 1 })).then(referred({ occurredOn: '2024-06-02', basis, level: 1 }));
  });

  it('leads the other categories from its edition: a category-3 case given a terrorism basis may go to level 1', () => {
    const odo = referred({ occurredOn: '2024-05-01', basis: otherDangerous({ startDate: '2024-05-01' }), level: 2 });
    const withTerrorism = ev('EligibilityBasisAdded', '2024-06-01', { basis: terrorism() });
    given(odo, withTerrorism)
      .when(cmd('SetManagementLevel', '2024-07-01', { level: 1 }))
      .then(ev('ManagementLevelChanged', '2024-07-01', { level: 1 }));
    // Once the terrorism basis has ended, category 3 leads again and level 1 is refused.
    given(odo, withTerrorism, ev('EligibilityBasisEnded', '2024-06-20', { basisId: 'ter-1', reason: 'risk-reduced' }))
      .when(cmd('SetManagementLevel', '2024-07-01', { level: 1 }))
      .thenRefused('category-3-requires-level-2-or-3');
  });

  it('is reported before category 1 while active, until its end date, then category 1 again', () => {
    const timeline = timelineFrom([
      referredIn2024(),
      ev('EligibilityBasisAdded', '2024-06-20', { basis: terrorism({ startDate: '2024-06-15', ends: '2025-06-14' }) }),
    ]);
    expect(reportedCategoryOn(caseOn(timeline, '2024-06-14')!, '2024-06-14')).toBe(1);
    expect(reportedCategoryOn(caseOn(timeline, '2024-06-20')!, '2024-06-20')).toBe(4);
    expect(reportedCategoryOn(caseOn(timeline, '2025-06-14')!, '2025-06-14')).toBe(4);
    expect(reportedCategoryOn(caseOn(timeline, '2025-06-15')!, '2025-06-15')).toBe(1);
  });

  it('leaves the precedence of 1, 2, 3 as it was: category 1 still leads 2 and 3, before and after the edition', () => {
    const timeline = timelineFrom([
      referred({ basis: violent(), level: 2 }),
      ev('EligibilityBasisAdded', '2009-01-01', { basis: rso({ relevantDate: '2009-01-01' }) }),
      ev('EligibilityBasisAdded', '2009-02-01', { basis: otherDangerous({ startDate: '2009-02-01' }) }),
    ]);
    for (const day of ['2009-03-01', '2024-03-31', '2024-04-01', '2026-01-01']) expect(reportedCategoryOn(caseOn(timeline, day)!, day)).toBe(1);
  });
});

describe('the terrorism basis on the wire', () => {
  const body = (basis: unknown) => ({ type: 'ReferOffender', occurredOn: '2024-06-02', area: 'durham', leadAgency: 'police', subject: { ref: 'S-1', dateOfBirth: '1990-01-01' }, basis });

  it('accepts both subtypes', () => {
    for (const subtype of ['terrorist-offender', 'terrorism-risk']) expect(caseCommand.safeParse(body(terrorism({ subtype: subtype as 'terrorism-risk' }))).success).toBe(true);
  });

  it('refuses a subtype outside the list, naming basis.subtype', () => {
    const parsed = caseCommand.safeParse(body({ ...terrorism(), subtype: 'extremist' }));
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join('.'))).toEqual(['basis.subtype']);
  });

  it('refuses an end before the start, and unknown fields', () => {
    expect(caseCommand.safeParse(body(terrorism({ ends: '2024-05-31' }))).error?.issues.map((i) => i.path.join('.'))).toEqual(['basis.ends']);
    expect(caseCommand.safeParse(body({ ...terrorism(), sentenceMonths: 24 })).success).toBe(false);
  });
});
