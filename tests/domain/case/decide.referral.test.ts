import { describe, it } from 'vitest';
import { otherDangerous, refer, referred, rso, violent } from './support/builders.js';
import { given } from './support/given-when-then.js';

/** The referral's basis as decided: a registered-sexual-offender basis says whether the subject (born 1970) was under 18 on its relevant date. */
const decidedRso = { ...rso(), under18AtRelevantDate: false };

describe('ReferOffender', () => {
  it('creates the case at level 1 in the community by default', () => {
    given().when(refer()).then(referred({ basis: decidedRso }));
  });

  it('keeps the level and custody given', () => {
    given()
      .when(refer({ level: 2, inCustody: true, basis: violent() }))
      .then(referred({ level: 2, inCustody: true, basis: violent() }));
  });

  it('omits the local unit when none is given', () => {
    const { localUnit: _unit, ...withoutUnit } = refer() as Extract<ReturnType<typeof refer>, { type: 'ReferOffender' }>;
    const { localUnit: _u, ...expected } = referred({ basis: decidedRso }) as Extract<ReturnType<typeof referred>, { type: 'OffenderReferred' }>;
    given().when(withoutUnit).then(expected);
  });

  it('refuses a case id that already exists: case-already-exists', () => {
    given(referred()).when(refer({ occurredOn: '2009-01-01' })).thenRefused('case-already-exists');
  });

  it('refuses a referral dated after today: occurred-in-future', () => {
    given().when(refer({ occurredOn: '2026-11-25' }), '2026-11-24').thenRefused('occurred-in-future');
  });

  it('accepts a referral dated today', () => {
    given().when(refer({ occurredOn: '2026-11-24' }), '2026-11-24').then(referred({ occurredOn: '2026-11-24', basis: decidedRso }));
  });

  it('refuses a category-3 basis at level 1: category-3-requires-level-2-or-3', () => {
    given().when(refer({ basis: otherDangerous() })).thenRefused('category-3-requires-level-2-or-3');
  });

  it('accepts a category-3 basis at level 2', () => {
    given()
      .when(refer({ basis: otherDangerous(), level: 2 }))
      .then(referred({ basis: otherDangerous(), level: 2 }));
  });
});

describe('every other command on a case that does not exist', () => {
  it('is refused: case-not-found', () => {
    given().when({ type: 'RecordDeath', occurredOn: '2010-01-01' }).thenRefused('case-not-found');
  });
});
