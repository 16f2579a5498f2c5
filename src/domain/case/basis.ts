import { z } from 'zod';
import { businessDate, storedBusinessDate, type BusinessDate } from '../shared/business-date.js';
import { localId } from '../shared/ids.js';

export const RSO_DISPOSALS = ['custody', 'hospital-restriction', 'hospital', 'caution', 'conditional-discharge', 'other'] as const;

export const TERRORISM_SUBTYPES = ['terrorist-offender', 'terrorism-risk'] as const;

const months = z.int().min(0).max(1200);

/**
 * The basis schemas over a date schema: the wire format's bounded dates for commands, the stored
 * form's for events (a log written before the bound must still read).
 */
function basisSchemas(date: z.ZodType<string>) {
  const registeredSexualOffender = z
    .strictObject({
      kind: z.literal('registered-sexual-offender'),
      basisId: localId,
      relevantDate: date,
      disposal: z.enum(RSO_DISPOSALS),
      custodialMonths: months.optional(),
      conditionalDischargeMonths: z.int().min(1).max(1200).optional(),
      indefinite: z.boolean().optional(),
      notificationEnds: date.optional(),
    })
    .superRefine((b, ctx) => {
      const overridden = b.indefinite === true || b.notificationEnds !== undefined;
      if (b.disposal === 'custody' && b.custodialMonths === undefined && !overridden) {
        ctx.addIssue({ code: 'custom', path: ['custodialMonths'], message: 'is required when disposal is custody (or give indefinite or notificationEnds)' });
      }
      if (b.disposal !== 'custody' && b.custodialMonths !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['custodialMonths'], message: 'is only allowed when disposal is custody' });
      }
      if (b.disposal === 'conditional-discharge' && b.conditionalDischargeMonths === undefined && !overridden) {
        ctx.addIssue({ code: 'custom', path: ['conditionalDischargeMonths'], message: 'is required when disposal is conditional-discharge' });
      }
      if (b.disposal !== 'conditional-discharge' && b.conditionalDischargeMonths !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['conditionalDischargeMonths'], message: 'is only allowed when disposal is conditional-discharge' });
      }
      if (b.indefinite === true && b.notificationEnds !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['notificationEnds'], message: 'cannot be given with indefinite: true' });
      }
      if (b.notificationEnds !== undefined && b.notificationEnds < b.relevantDate) {
        ctx.addIssue({ code: 'custom', path: ['notificationEnds'], message: 'must be on or after relevantDate' });
      }
    });

  const violentOffender = z
    .strictObject({
      kind: z.literal('violent-offender'),
      basisId: localId,
      startDate: date,
      sentenceMonths: z.int().min(12).max(1200).optional(),
      hospitalOrder: z.boolean().optional(),
      ends: date.optional(),
    })
    .superRefine((b, ctx) => {
      if (b.sentenceMonths === undefined && b.hospitalOrder !== true) {
        ctx.addIssue({ code: 'custom', path: ['sentenceMonths'], message: 'one of sentenceMonths (12 or more) or hospitalOrder: true is required' });
      }
      if (b.ends !== undefined && b.ends < b.startDate) {
        ctx.addIssue({ code: 'custom', path: ['ends'], message: 'must be on or after startDate' });
      }
    });

  const otherDangerousOffender = z.strictObject({
    kind: z.literal('other-dangerous-offender'),
    basisId: localId,
    startDate: date,
  });

  const terrorism = z
    .strictObject({
      kind: z.literal('terrorism'),
      basisId: localId,
      startDate: date,
      subtype: z.enum(TERRORISM_SUBTYPES),
      ends: date.optional(),
    })
    .superRefine((b, ctx) => {
      if (b.ends !== undefined && b.ends < b.startDate) {
        ctx.addIssue({ code: 'custom', path: ['ends'], message: 'must be on or after startDate' });
      }
    });

  return {
    registeredSexualOffender,
    violentOffender,
    otherDangerousOffender,
    terrorism,
    /** The kinds of the first stored form (schema version 1 of the events that carry a basis). */
    firstForm: z.discriminatedUnion('kind', [registeredSexualOffender, violentOffender, otherDangerousOffender]),
    eligibility: z.discriminatedUnion('kind', [registeredSexualOffender, violentOffender, otherDangerousOffender, terrorism]),
  };
}

const wire = basisSchemas(businessDate);
export const registeredSexualOffenderBasis = wire.registeredSexualOffender;
export const violentOffenderBasis = wire.violentOffender;
export const otherDangerousOffenderBasis = wire.otherDangerousOffender;
export const terrorismBasis = wire.terrorism;
/** A basis in a command (dates within the wire format's years). */
export const eligibilityBasis = wire.eligibility;
const stored = basisSchemas(storedBusinessDate);
/** A basis in a stored event. */
export const storedEligibilityBasis = stored.eligibility;
/** A basis as schema version 1 of an event could hold it: no terrorism basis (events.ts). */
export const firstFormEligibilityBasis = stored.firstForm;

export type EligibilityBasis = z.infer<typeof eligibilityBasis>;
export type RegisteredSexualOffenderBasis = z.infer<typeof registeredSexualOffenderBasis>;
export type Category = 1 | 2 | 3 | 4;
export const CATEGORIES: readonly Category[] = [1, 2, 3, 4];

export const CATEGORY_OF_KIND: Readonly<Record<EligibilityBasis['kind'], Category>> = {
  'registered-sexual-offender': 1,
  'violent-offender': 2,
  'other-dangerous-offender': 3,
  terrorism: 4,
};

export function basisStart(basis: EligibilityBasis): BusinessDate {
  return basis.kind === 'registered-sexual-offender' ? basis.relevantDate : basis.startDate;
}

/** The path of a basis's start field, for errors that name it. */
export function basisStartField(basis: EligibilityBasis): 'relevantDate' | 'startDate' {
  return basis.kind === 'registered-sexual-offender' ? 'relevantDate' : 'startDate';
}

export const BASIS_END_REASONS = ['period-expired', 'revoked-on-review', 'licence-expired', 'order-discharged', 'risk-reduced', 'quashed'] as const;
export const basisEndReason = z.enum(BASIS_END_REASONS);
