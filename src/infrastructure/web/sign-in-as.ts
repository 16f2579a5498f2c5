import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { mintToken } from '../auth/mint-token.js';
import { AREA_CODES, type AreaCode } from '../../domain/shared/areas.js';
import { ALL_AREAS, tokenClaims, type Principal } from '../auth/principal.js';
import { problemResponses } from '../http/problem.js';

export type SignInAsOptions = {
  readonly secret: string;
  readonly issuer?: string | undefined;
  readonly audience?: string | undefined;
  readonly ttlSeconds?: number;
};

/** A development session is a working day. */
const SIGN_IN_AS_TTL_SECONDS = 8 * 3600;

/**
 * Who to sign in as: the claims of a token but its expiry, which the engine sets. `areas` is
 * one list of codes (or `["*"]` alone), so a wrong entry is named by its index.
 */
export const signInAsBody = z.strictObject({
  sub: tokenClaims.shape.sub,
  role: tokenClaims.shape.role,
  agency: tokenClaims.shape.agency,
  areas: z
    .array(z.enum([...AREA_CODES, ALL_AREAS]))
    .min(1)
    .max(42)
    .refine((areas) => !areas.includes(ALL_AREAS) || areas.length === 1, { message: 'is ["*"] alone, or area codes' }),
});

/**
 * `POST /dev/tokens`, development only: a token for whoever the caller says they are, signed
 * with the local secret, as `mappa token` does. It is never registered in production (the web
 * page then shows the pasted-token sign-in alone), and it exists only with a signing secret.
 */
export const signInAsRoutes = (options: SignInAsOptions): FastifyPluginAsyncZod =>
  async (app) => {
    app.post('/dev/tokens', {
      schema: {
        summary: 'Development only (absent in production): mint a token for the given subject, role, agency and areas',
        tags: ['development'],
        body: signInAsBody,
        response: { 201: z.object({ token: z.string(), expiresAt: z.string() }), ...problemResponses },
      },
      handler: async (request, reply) => {
        const ttlSeconds = options.ttlSeconds ?? SIGN_IN_AS_TTL_SECONDS;
        // Tokens are verified against the wall clock (not the business clock tests move), so minted against it too.
        const now = new Date();
        const { areas, ...who } = request.body;
        const principal: Principal = { ...who, areas: areas.includes(ALL_AREAS) ? ALL_AREAS : [...new Set(areas as AreaCode[])] };
        const token = await mintToken(principal, {
          secret: options.secret, ttlSeconds, issuer: options.issuer, audience: options.audience, now,
        });
        const expiresAt = new Date(Math.floor(now.getTime() / 1000) * 1000 + ttlSeconds * 1000).toISOString();
        return reply.code(201).header('cache-control', 'no-store').send({ token, expiresAt });
      },
    });
  };
