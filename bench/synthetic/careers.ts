import type { EligibilityBasis, RegisteredSexualOffenderBasis } from '../../src/domain/case/basis.js';
import { notificationLastDay } from '../../src/domain/rules/notification-period.js';
import { addDays, addMonths, addYears, type BusinessDate } from '../../src/domain/shared/business-date.js';
import type { Rng } from './prng.js';

/** Time served in custody or hospital, and the licence that follows release (if any). */
export type Sentence = { readonly releasedOn: BusinessDate; readonly licenceEnds?: BusinessDate; readonly hospital: boolean };

/** What a court did to a registered sexual offender, with what it means for notification and custody. */
export type RsoCareer = {
  readonly dateOfBirth: BusinessDate;
  readonly basis: RegisteredSexualOffenderBasis;
  /** Last day of notification; null: indefinite. */
  readonly lastDay: BusinessDate | null;
  /** Null when the disposal kept the offender in the community. */
  readonly sentence: Sentence | null;
};

export type ViolentCareer = {
  readonly dateOfBirth: BusinessDate;
  readonly basis: Extract<EligibilityBasis, { kind: 'violent-offender' }>;
  readonly sentence: Sentence;
};

/**
 * Determinate sentences of the period: release at the halfway point, on licence to the end of
 * the sentence when it is 12 months or more (Criminal Justice Act 2003 s.244).
 */
export function determinate(start: BusinessDate, months: number): Sentence {
  const releasedOn = addDays(start, Math.max(14, Math.round((months * 30.4) / 2)));
  return { releasedOn, hospital: false, ...(months >= 12 && { licenceEnds: addMonths(start, months) }) };
}

function adultBorn(r: Rng, on: BusinessDate, juvenile: boolean): BusinessDate {
  const ageDays = juvenile ? r.int(14 * 365 + 10, 17 * 365 + 300) : r.int(19 * 365, 66 * 365);
  return addDays(on, -ageDays);
}

/** One draw of a registered sexual offender's disposal, dated `relevantDate`, with the mix of the 2000s. */
export function drawRsoCareer(r: Rng, relevantDate: BusinessDate, basisId: string): RsoCareer {
  const juvenile = r.chance(0.06);
  const dateOfBirth = adultBorn(r, relevantDate, juvenile);
  const kind = r.weighted<'long' | 'medium' | 'short' | 'ipp' | 'other' | 'caution' | 'cd' | 'hospital' | 'restricted'>([
    ['long', 24], ['medium', 22], ['short', 6], ['ipp', 3], ['other', 22], ['caution', 13], ['cd', 4], ['hospital', 3], ['restricted', 3],
  ]);
  const common = { kind: 'registered-sexual-offender' as const, basisId, relevantDate };
  let basis: RegisteredSexualOffenderBasis;
  let sentence: Sentence | null = null;
  switch (kind) {
    case 'long': {
      const months = r.pick([30, 36, 42, 48, 54, 60, 72, 84, 96, 108, 120, 144]);
      basis = { ...common, disposal: 'custody', custodialMonths: months };
      sentence = determinate(relevantDate, months);
      break;
    }
    case 'medium': {
      const months = r.pick([8, 9, 10, 12, 15, 18, 20, 24, 27]);
      basis = { ...common, disposal: 'custody', custodialMonths: months };
      sentence = determinate(relevantDate, months);
      break;
    }
    case 'short': {
      const months = r.int(2, 6);
      basis = { ...common, disposal: 'custody', custodialMonths: months };
      sentence = determinate(relevantDate, months);
      break;
    }
    case 'ipp': {
      // Imprisonment for public protection: released after the tariff, on licence for ten years at least.
      basis = { ...common, disposal: 'custody', indefinite: true };
      const releasedOn = addDays(relevantDate, r.int(3 * 365, 7 * 365));
      sentence = { releasedOn, hospital: false, licenceEnds: addYears(releasedOn, 10) };
      break;
    }
    case 'other':
      basis = { ...common, disposal: 'other' };
      break;
    case 'caution':
      basis = { ...common, disposal: 'caution' };
      break;
    case 'cd':
      basis = { ...common, disposal: 'conditional-discharge', conditionalDischargeMonths: r.pick([12, 18, 24, 36]) };
      break;
    case 'hospital':
      basis = { ...common, disposal: 'hospital' };
      sentence = { releasedOn: addDays(relevantDate, r.int(120, 720)), hospital: true };
      break;
    case 'restricted':
      basis = { ...common, disposal: 'hospital-restriction' };
      sentence = { releasedOn: addDays(relevantDate, r.int(3 * 365, 8 * 365)), hospital: true };
      break;
  }
  return { dateOfBirth, basis, lastDay: notificationLastDay(basis, dateOfBirth), sentence };
}

export function drawViolentCareer(r: Rng, startDate: BusinessDate, basisId: string): ViolentCareer {
  const dateOfBirth = adultBorn(r, startDate, false);
  if (r.chance(0.05)) {
    // A hospital order: eligible until the basis is ended, discharged from hospital without licence.
    return {
      dateOfBirth,
      basis: { kind: 'violent-offender', basisId, startDate, hospitalOrder: true },
      sentence: { releasedOn: addDays(startDate, r.int(300, 1500)), hospital: true },
    };
  }
  const months = r.weighted([[r.int(12, 24), 45], [r.int(25, 48), 35], [r.int(49, 96), 15], [r.int(97, 180), 5]]);
  const sentence = determinate(startDate, months);
  return { dateOfBirth, basis: { kind: 'violent-offender', basisId, startDate, sentenceMonths: months, ends: sentence.licenceEnds! }, sentence };
}

/** Draws until `accept` holds: stories state what must be true of a career, and the draw finds one. */
export function drawUntil<T>(label: string, draw: () => T, accept: (value: T) => boolean, attempts = 5000): T {
  for (let i = 0; i < attempts; i++) {
    const value = draw();
    if (accept(value)) return value;
  }
  throw new Error(`no ${label} found in ${attempts} draws: the constraints cannot be met`);
}
