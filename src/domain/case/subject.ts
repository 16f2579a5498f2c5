import { z } from 'zod';
import { storedBusinessDate, type BusinessDate } from '../shared/business-date.js';
import { storedLabel } from '../shared/ids.js';
import { isSealedValue, sealedValue, type SealedValue } from '../shared/sealed.js';
import { isUnder18On } from '../rules/notification-period.js';
import type { EligibilityBasis, StoredEligibilityBasis } from './basis.js';
import type { CaseCommand } from './commands.js';

/** The subject in clear: how a command gives it, and how a log written before sealing holds it. */
export const clearSubject = z.strictObject({ ref: storedLabel, dateOfBirth: storedBusinessDate });
export type ClearSubject = z.infer<typeof clearSubject>;

/** The subject as a referral stores it: sealed (ref and date of birth together), or clear in an older event. */
export const storedSubject = z.union([clearSubject, sealedValue]);
export type StoredSubject = ClearSubject | SealedValue;

/**
 * The subject's data as the caller opened it for a command that needs it; `erased` when its key
 * was destroyed (docs/DOMAIN.md section 13).
 */
export type OpenedSubject = ClearSubject | 'erased';

export const isClearSubject = (subject: StoredSubject): subject is ClearSubject => !isSealedValue(subject);

/** The basis a command gives (added, or given on reopening): the only commands whose rules read the date of birth. */
export function basisNeedingSubject(command: CaseCommand): EligibilityBasis | undefined {
  return command.type === 'AddEligibilityBasis' || (command.type === 'ReopenCase' && command.basis !== undefined) ? command.basis : undefined;
}

/** Whether the rules need the subject's date of birth to decide this command. */
export const needsSubject = (command: CaseCommand): boolean => basisNeedingSubject(command) !== undefined;

/** A basis as it is stored from now on: a registered-sexual-offender basis says whether the subject was under 18 on its relevant date. */
export function withUnder18(basis: EligibilityBasis, dateOfBirth: BusinessDate): StoredEligibilityBasis {
  return basis.kind === 'registered-sexual-offender' ? { ...basis, under18AtRelevantDate: isUnder18On(dateOfBirth, basis.relevantDate) } : basis;
}

/**
 * Whether the subject was under 18 on a registered-sexual-offender basis's relevant date: the flag
 * the basis carries, or, in a log written before the flag, the clear date of birth of its referral.
 * A sealed subject with a basis without the flag is not something this engine writes (decide and
 * `mappa reseal` always add it); it reads as not under 18.
 */
export function under18AtRelevantDate(basis: Extract<StoredEligibilityBasis, { kind: 'registered-sexual-offender' }>, subject: StoredSubject): boolean {
  if (basis.under18AtRelevantDate !== undefined) return basis.under18AtRelevantDate;
  return isClearSubject(subject) ? isUnder18On(subject.dateOfBirth, basis.relevantDate) : false;
}
