import { errors, jwtVerify, type JWTVerifyOptions } from 'jose';
import type { KeyObject } from 'node:crypto';
import { principalFromClaims, tokenClaims, type Principal } from './principal.js';
import { RecentlyUsed } from '../recently-used.js';

type VerificationKey =
  | { readonly algorithm: 'HS256'; readonly key: Uint8Array }
  | { readonly algorithm: 'RS256' | 'ES256' | 'EdDSA'; readonly key: KeyObject };

export type TokenSettings = {
  readonly verification: VerificationKey;
  readonly issuer?: string | undefined;
  readonly audience?: string | undefined;
};

/** Why a token was refused; the description goes into WWW-Authenticate, so it holds nothing of the token. */
export type TokenRefusal = { readonly reason: 'expired' | 'not-yet-valid' | 'claims' | 'invalid'; readonly description: string };

export type VerifiedToken = { readonly ok: true; readonly principal: Principal } | { readonly ok: false; readonly refusal: TokenRefusal };

/** Seconds of clock skew tolerated between the token issuer and this server. */
const CLOCK_TOLERANCE_SECONDS = 5;

/** Tokens verified recently, by their exact text (a client sends the same token many times). */
const VERIFIED_TOKEN_CACHE_SIZE = 5000;

const refused = (reason: TokenRefusal['reason'], description: string): VerifiedToken => ({ ok: false, refusal: { reason, description } });

/**
 * Verifies a compact JWS: the one configured algorithm only (never `none`, never a switch
 * from an asymmetric key to HMAC), signature, `exp` (required), `nbf`, issuer and audience
 * when configured, then the MAPPA claims.
 */
export function tokenVerifier(settings: TokenSettings, now: () => number = Date.now): (token: string) => VerifiedToken | Promise<VerifiedToken> {
  const options: JWTVerifyOptions = {
    algorithms: [settings.verification.algorithm],
    clockTolerance: CLOCK_TOLERANCE_SECONDS,
    requiredClaims: ['exp', 'sub'],
    ...(settings.issuer !== undefined && { issuer: settings.issuer }),
    ...(settings.audience !== undefined && { audience: settings.audience }),
  };
  // Signature verification costs ~0.1 ms; the same bytes verified once need not be verified
  // again while the token lives. Only exact text hits, and `exp` is re-checked on every hit.
  // A hit answers at once, not in a promise: it is most requests, and a promise costs a turn.
  const verified = new RecentlyUsed<string, { readonly ok: true; readonly principal: Principal; readonly exp: number }>(VERIFIED_TOKEN_CACHE_SIZE);
  const verifyAnew = async (token: string): Promise<VerifiedToken> => {
    let payload: unknown;
    try {
      ({ payload } = await jwtVerify(token, settings.verification.key, { ...options, currentDate: new Date(now()) }));
    } catch (error) {
      if (error instanceof errors.JWTExpired) return refused('expired', 'the token has expired');
      if (error instanceof errors.JWTClaimValidationFailed) {
        return error.claim === 'nbf' ? refused('not-yet-valid', 'the token is not valid yet') : refused('claims', 'the token claims are not accepted');
      }
      return refused('invalid', 'the token is malformed or its signature is not valid');
    }
    const claims = tokenClaims.safeParse(payload);
    if (!claims.success) return refused('claims', 'the token claims are not accepted');
    const principal = principalFromClaims(claims.data);
    verified.set(token, { ok: true, principal, exp: claims.data.exp });
    return { ok: true, principal };
  };
  return (token) => {
    const known = verified.get(token);
    if (known === undefined) return verifyAnew(token);
    if (now() / 1000 <= known.exp + CLOCK_TOLERANCE_SECONDS) return known;
    verified.delete(token);
    return refused('expired', 'the token has expired');
  };
}
