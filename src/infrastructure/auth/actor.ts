import { z } from 'zod';
import { agency } from '../../domain/shared/agencies.js';

export const ROLES = ['coordinator', 'reviewer', 'analyst', 'auditor', 'admin', 'data-protection'] as const;
export const role = z.enum(ROLES);
export type Role = z.infer<typeof role>;

/** Who did something: always taken from the verified token, never from a request body. */
export const actor = z.strictObject({ id: z.string().min(1).max(200), role, agency });
export type Actor = z.infer<typeof actor>;
