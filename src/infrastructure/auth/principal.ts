import { z } from 'zod';
import { agency, type Agency } from '../../domain/shared/agencies.js';
import { areaCode, type AreaCode } from '../../domain/shared/areas.js';
import { safeText } from '../../domain/shared/safe-text.js';
import { role, type Actor, type Role } from './actor.js';

/** Every area: the `areas` claim `["*"]`. */
export const ALL_AREAS = '*';

/**
 * The claims a bearer token must carry (docs/DOMAIN.md section 9). `exp` is checked by the verifier;
 * other registered claims (iss, aud, nbf, iat) are allowed and checked when configured.
 */
export const tokenClaims = z.object({
  // The subject becomes the actor of events and access records that auditors read: safe label text.
  sub: safeText(200),
  role,
  agency,
  areas: z.union([z.tuple([z.literal(ALL_AREAS)]), z.array(areaCode).min(1).max(42)]),
  exp: z.number(),
});

/** The areas whose cases a caller may touch; `*`: every area. */
export type AreaScope = readonly AreaCode[] | typeof ALL_AREAS;

/** Who is calling, as the verified token says. */
export type Principal = {
  readonly sub: string;
  readonly role: Role;
  readonly agency: Agency;
  readonly areas: AreaScope;
};

export function principalFromClaims(claims: z.infer<typeof tokenClaims>): Principal {
  const areas = claims.areas[0] === ALL_AREAS ? ALL_AREAS : [...new Set(claims.areas as AreaCode[])];
  return { sub: claims.sub, role: claims.role, agency: claims.agency, areas };
}

export function scopeCovers(areas: AreaScope, area: string): boolean {
  return areas === ALL_AREAS || (areas as readonly string[]).includes(area);
}

/** The actor stored on events: always the token's, never the request body's (docs/CHECKS.md A5). */
export function actorOf(principal: Principal): Actor {
  return { id: principal.sub, role: principal.role, agency: principal.agency };
}
