import { z } from 'zod';

export const AGENCIES = [
  'police', 'probation', 'prison', 'youth-justice', 'health', 'children-services',
  'adult-services', 'housing', 'other',
] as const;

export const agency = z.enum(AGENCIES);
export type Agency = z.infer<typeof agency>;
