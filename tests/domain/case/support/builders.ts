import type { EligibilityBasis } from '../../../../src/domain/case/basis.js';
import type { CaseCommand, CommandOf } from '../../../../src/domain/case/commands.js';
import type { CaseEvent, EventOf } from '../../../../src/domain/case/events.js';

/** Test data builders: realistic defaults, overridden per test. */
export const rso = (overrides: Partial<Extract<EligibilityBasis, { kind: 'registered-sexual-offender' }>> = {}): EligibilityBasis => ({
  kind: 'registered-sexual-offender',
  basisId: 'rso-1',
  relevantDate: '2008-01-10',
  disposal: 'custody',
  custodialMonths: 36,
  ...overrides,
});

export const violent = (overrides: Partial<Extract<EligibilityBasis, { kind: 'violent-offender' }>> = {}): EligibilityBasis => ({
  kind: 'violent-offender',
  basisId: 'vo-1',
  startDate: '2008-01-10',
  sentenceMonths: 24,
  ...overrides,
});

export const otherDangerous = (overrides: Partial<Extract<EligibilityBasis, { kind: 'other-dangerous-offender' }>> = {}): EligibilityBasis => ({
  kind: 'other-dangerous-offender',
  basisId: 'odo-1',
  startDate: '2008-01-10',
  ...overrides,
});

export const terrorism = (overrides: Partial<Extract<EligibilityBasis, { kind: 'terrorism' }>> = {}): EligibilityBasis => ({
  kind: 'terrorism',
  basisId: 'ter-1',
  startDate: '2024-06-01',
  subtype: 'terrorist-offender',
  ...overrides,
});

export const referred = (overrides: Partial<EventOf<'OffenderReferred'>> = {}): CaseEvent => ({
  type: 'OffenderReferred',
  occurredOn: '2008-05-01',
  area: 'cumbria',
  localUnit: 'North BCU',
  leadAgency: 'police',
  subject: { ref: 'SUBJ-0001', dateOfBirth: '1970-03-15' },
  basis: rso(),
  level: 1,
  inCustody: false,
  ...overrides,
});

export const refer = (overrides: Partial<CommandOf<'ReferOffender'>> = {}): CaseCommand => ({
  type: 'ReferOffender',
  occurredOn: '2008-05-01',
  area: 'cumbria',
  localUnit: 'North BCU',
  leadAgency: 'police',
  subject: { ref: 'SUBJ-0001', dateOfBirth: '1970-03-15' },
  basis: rso(),
  ...overrides,
});

/** Any event of the catalogue, with the type's own fields given. */
export const ev = <T extends CaseEvent['type']>(type: T, occurredOn: string, fields: Omit<EventOf<T>, 'type' | 'occurredOn'>): CaseEvent =>
  ({ type, occurredOn, ...fields }) as CaseEvent;

export const cmd = <T extends CaseCommand['type']>(type: T, occurredOn: string, fields: Omit<CommandOf<T>, 'type' | 'occurredOn'>): CaseCommand =>
  ({ type, occurredOn, ...fields }) as CaseCommand;
