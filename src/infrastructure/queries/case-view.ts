import { z } from 'zod';
import { storedEligibilityBasis } from '../../domain/case/basis.js';
import {
  isBasisActiveOn, isEligibleOn, isOnLicenceOn, isOrderInForceOn, isReviewOverdueOn, reportedCategoryOn, reviewDatesOf, type Case,
} from '../../domain/case/state.js';
import { areaCode } from '../../domain/shared/areas.js';
import { agency } from '../../domain/shared/agencies.js';
import type { BusinessDate } from '../../domain/shared/business-date.js';
import type { ShownSubject } from '../personal-data/personal-data.js';

const date = z.string().describe('YYYY-MM-DD');
const category = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);
const level = z.union([z.literal(1), z.literal(2), z.literal(3)]);

/** The case on one business date, as the API and `mappa replay` show it (docs/DOMAIN.md section 6). */
export const caseViewSchema = z.object({
  caseId: z.string(),
  /** Stream version the view was folded from (the ETag). */
  version: z.int(),
  /** The business date the case is shown on: `asOf`, or today. */
  asOf: date,
  /** Only events recorded by this instant were used; null: everything recorded. */
  knownAt: z.string().nullable(),
  area: areaCode,
  localUnit: z.string().nullable(),
  leadAgency: agency,
  referredOn: date,
  /** Opened from its sealed form; `{ erased: true }` once the subject's key was destroyed (docs/DOMAIN.md section 13). */
  subject: z.union([z.object({ ref: z.string(), dateOfBirth: date }), z.object({ erased: z.literal(true) })]),
  open: z.boolean(),
  closedOn: date.nullable(),
  closeReason: z.string().nullable(),
  deceased: z.boolean(),
  diedOn: date.nullable(),
  eligible: z.boolean(),
  reportedCategory: category.nullable(),
  level,
  custody: z.object({ inCustody: z.boolean(), reason: z.string().nullable() }),
  licence: z.object({ ends: date.nullable(), onLicence: z.boolean() }),
  bases: z.array(
    z.object({
      basisId: z.string(),
      kind: z.string(),
      category,
      start: date,
      /** Computed last day (notification period, licence or order end); null: no end. */
      lastDay: date.nullable(),
      addedOn: date,
      endedOn: date.nullable(),
      endReason: z.string().nullable(),
      active: z.boolean(),
      terms: storedEligibilityBasis,
    }),
  ),
  orders: z.array(
    z.object({
      orderId: z.string(),
      orderType: z.string(),
      applicant: z.string().nullable(),
      madeOnConviction: z.boolean(),
      status: z.string(),
      appliedOn: date.nullable(),
      interimOn: date.nullable(),
      fullOn: date.nullable(),
      ends: date.nullable(),
      closedOn: date.nullable(),
      breaches: z.int(),
      inForce: z.boolean(),
    }),
  ),
  charges: z.array(
    z.object({
      chargeId: z.string(),
      chargedOn: date,
      offenceDate: date,
      open: z.boolean(),
      outcome: z.string().nullable(),
      outcomeOn: date.nullable(),
      resolvedByDeath: z.boolean(),
    }),
  ),
  lastMeeting: z
    .object({
      meetingId: z.string(),
      occurredOn: date,
      level: z.union([z.literal(2), z.literal(3)]),
      kind: z.string(),
      agencies: z.array(z.string()),
      nextReviewDue: date.nullable(),
    })
    .nullable(),
  nextReviewDue: date.nullable(),
  /** A review was due before `asOf` and the case is open. */
  reviewOverdue: z.boolean(),
});
export type CaseView = z.infer<typeof caseViewSchema>;

export function caseView(
  caseId: string,
  c: Case,
  on: BusinessDate,
  meta: { readonly version: number; readonly knownAt: string | null },
  /** The subject as the reader may see it: opened from the stored form (personal-data.ts). */
  subject: ShownSubject,
): CaseView {
  const nextReviewDue = c.lastMeeting?.nextReviewDue ?? null;
  return {
    caseId,
    version: meta.version,
    asOf: on,
    knownAt: meta.knownAt,
    area: c.area,
    localUnit: c.localUnit,
    leadAgency: c.leadAgency,
    referredOn: c.referredOn,
    subject: 'erased' in subject ? { erased: true } : { ref: subject.ref, dateOfBirth: subject.dateOfBirth },
    open: c.open,
    closedOn: c.closedOn,
    closeReason: c.closeReason,
    deceased: c.deceased,
    diedOn: c.diedOn,
    eligible: isEligibleOn(c, on),
    reportedCategory: reportedCategoryOn(c, on),
    level: c.level,
    custody: { inCustody: c.inCustody, reason: c.custodyReason },
    licence: { ends: c.licenceEnds, onLicence: isOnLicenceOn(c, on) },
    bases: c.bases.map((b) => ({
      basisId: b.basis.basisId,
      kind: b.basis.kind,
      category: b.category,
      start: b.start,
      lastDay: b.lastDay,
      addedOn: b.addedOn,
      endedOn: b.endedOn,
      endReason: b.endReason,
      active: isBasisActiveOn(b, on),
      terms: b.basis,
    })),
    orders: c.orders.map((o) => ({
      orderId: o.orderId,
      orderType: o.orderType,
      applicant: o.applicant,
      madeOnConviction: o.madeOnConviction,
      status: o.status,
      appliedOn: o.appliedOn,
      interimOn: o.interimOn,
      fullOn: o.fullOn,
      ends: o.ends,
      closedOn: o.closedOn,
      breaches: o.breaches,
      inForce: isOrderInForceOn(o, on),
    })),
    charges: c.charges.map((ch) => ({
      chargeId: ch.chargeId,
      chargedOn: ch.chargedOn,
      offenceDate: ch.offenceDate,
      open: ch.outcome === null,
      outcome: ch.outcome,
      outcomeOn: ch.outcomeOn,
      resolvedByDeath: ch.resolvedByDeath,
    })),
    lastMeeting: c.lastMeeting && {
      meetingId: c.lastMeeting.meetingId,
      occurredOn: c.lastMeeting.occurredOn,
      level: c.lastMeeting.level,
      kind: c.lastMeeting.kind,
      agencies: [...c.lastMeeting.agencies],
      nextReviewDue: c.lastMeeting.nextReviewDue ?? null,
    },
    nextReviewDue,
    reviewOverdue: isReviewOverdueOn(reviewDatesOf(c), on),
  };
}
