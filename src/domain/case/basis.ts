import { z } from 'zod';
import { businessDate, storedBusinessDate, type BusinessDate } from '../shared/business-date.js';
import { localId } from '../shared/ids.js';

export const RSO_DISPOSALS = ['custody', 'hospital-restriction', 'hospital', 'caution', 'conditional-discharge', 'other'] as const;

export const TERRORISM_SUBTYPES = ['terrorist-offender', 'terrorism-risk'] as const;

const months = z.int().min(0).max(1200);

type RsoFields = {
  disposal: (typeof RSO_DISPOSALS)[number];
  relevantDate: string;
  custodialMonths?: number | undefined;
  conditionalDischargeMonths?: number | undefined;
  indefinite?: boolean | undefined;
  notificationEnds?: string | undefined;
};

function checkRso(b: RsoFields, ctx: z.RefinementCtx): void {
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
}

const rsoShape = (date: z.ZodType<string>) => ({
  kind: z.literal('registered-sexual-offender'),
  basisId: localId,
  relevantDate: date,
  disposal: z.enum(RSO_DISPOSALS),
  custodialMonths: months.optional(),
  conditionalDischargeMonths: z.int().min(1).max(1200).optional(),
  indefinite: z.boolean().optional(),
  notificationEnds: date.optional(),
});

/**
 * The basis schemas over a date schema: the wire format's bounded dates for commands, the stored
 * form's for events (a log written before the bound must still read).
 */
function otherBasisSchemas(date: z.ZodType<string>) {
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

  return { violentOffender, otherDangerousOffender, terrorism };
}

const wire = otherBasisSchemas(businessDate);
export const registeredSexualOffenderBasis = z.strictObject(rsoShape(businessDate)).superRefine(checkRso);
export const violentOffenderBasis = wire.violentOffender;
export const otherDangerousOffenderBasis = wire.otherDangerousOffender;
export const terrorismBasis = wire.terrorism;
/** A basis in a command (dates within the wire format's years). */
export const eligibilityBasis = z.discriminatedUnion('kind', [registeredSexualOffenderBasis, violentOffenderBasis, otherDangerousOffenderBasis, terrorismBasis]);

/**
 * A registered-sexual-offender basis as stored carries, from schema version 3 of its events, whether
 * the subject was under 18 on the relevant date (decided with the opened date of birth), so the
 * rules never need the sealed date of birth again (docs/DOMAIN.md section 13). Never on the wire:
 * the engine decides it.
 */
const storedRso = z.strictObject({ ...rsoShape(storedBusinessDate), under18AtRelevantDate: z.boolean().optional() }).superRefine(checkRso);
const stored = otherBasisSchemas(storedBusinessDate);
/** A basis in a stored event. */
export const storedEligibilityBasis = z.discriminatedUnion('kind', [storedRso, stored.violentOffender, stored.otherDangerousOffender, stored.terrorism]);
/** A basis as schema version 1 of an event could hold it: no terrorism basis (events.ts). */
export const firstFormEligibilityBasis = z.discriminatedUnion('kind', [storedRso, stored.violentOffender, stored.otherDangerousOffender]);

export type EligibilityBasis = z.infer<typeof eligibilityBasis>;
/** A basis as an event holds it (a registered-sexual-offender basis may carry under18AtRelevantDate). */
export type StoredEligibilityBasis = z.infer<typeof storedEligibilityBasis>;
export type RegisteredSexualOffenderBasis = z.infer<typeof registeredSexualOffenderBasis>;
export type Category = 1 | 2 | 3 | 4;
export const CATEGORIES: readonly Category[] = [1, 2, 3, 4];

export const CATEGORY_OF_KIND: Readonly<Record<EligibilityBasis['kind'], Category>> = {
  'registered-sexual-offender': 1,
  'violent-offender': 2,
  'other-dangerous-offender': 3,
  terrorism: 4,
};

export function basisStart(basis: EligibilityBasis | StoredEligibilityBasis): BusinessDate {
  return basis.kind === 'registered-sexual-offender' ? basis.relevantDate : basis.startDate;
}

/** The path of a basis's start field, for errors that name it. */
export function basisStartField(basis: EligibilityBasis | StoredEligibilityBasis): 'relevantDate' | 'startDate' {
  return basis.kind === 'registered-sexual-offender' ? 'relevantDate' : 'startDate';
}

export const BASIS_END_REASONS = ['period-expired', 'revoked-on-review', 'licence-expired', 'order-discharged', 'risk-reduced', 'quashed'] as const;
export const basisEndReason = z.enum(BASIS_END_REASONS);
