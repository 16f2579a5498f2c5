import { scopeCovers, type AreaScope } from '../auth/principal.js';

/**
 * Whether a caller whose token covers `areas` may act on the records of `area` (README, "Who may
 * do what"). The handler is given it and asks it at every step that touches an area: a referral's
 * area, the case's area now (else the case is absent to the caller), and every area a command
 * changes the records of, a correction's included.
 */
export type AreaPolicy = (areas: AreaScope, area: string) => boolean;

/** The token's `areas` claim, `*` covering every area: the engine's policy. */
export const tokenAreas: AreaPolicy = scopeCovers;

/** What the ruling asks of the policy, for the caller at hand. */
export type Covers = (area: string) => boolean;
