import { z } from 'zod';

/** Enumerations of the wire format (docs/DOMAIN.md section 4), shared by commands and events. */
export const level = z.union([z.literal(1), z.literal(2), z.literal(3)], { error: 'must be one of 1, 2, 3' });
export type Level = z.infer<typeof level>;
export const meetingLevel = z.union([z.literal(2), z.literal(3)], { error: 'must be one of 2, 3' });
export const meetingKind = z.enum(['initial', 'review', 'emergency']);
export const custodyReason = z.enum(['remand', 'sentence', 'hospital']);
export const notificationBreachDisposal = z.enum(['caution', 'conviction']);
export const ORDER_TYPES = ['SOPO', 'NO', 'FTO', 'SHPO', 'SRO'] as const;
export const orderType = z.enum(ORDER_TYPES);
export type OrderType = z.infer<typeof orderType>;
export const orderApplicant = z.enum(['police', 'nca']);
export const orderBreachDisposal = z.enum(['custody', 'non-custodial', 'caution']);
export const SFO_OUTCOMES = ['convicted', 'acquitted', 'discontinued', 'convicted-lesser', 'other'] as const;
export const sfoOutcome = z.enum(SFO_OUTCOMES);
export type SfoOutcome = z.infer<typeof sfoOutcome>;
export const closeReason = z.enum(['no-longer-eligible', 'risk-reduced', 'left-jurisdiction', 'other']);
