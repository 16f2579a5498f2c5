import { SignJWT } from 'jose';
import type { Principal } from './principal.js';

type MintOptions = {
  readonly secret: string;
  /** Lifetime in seconds. */
  readonly ttlSeconds?: number;
  readonly issuer?: string | undefined;
  readonly audience?: string | undefined;
  readonly now?: Date;
};

const DEFAULT_TOKEN_TTL_SECONDS = 8 * 3600;

const UNIT_SECONDS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** `90`, `90s`, `15m`, `8h`, `1d` as seconds; undefined when not such a span. */
export function parseTtl(text: string): number | undefined {
  const match = /^(\d{1,7})([smhd]?)$/.exec(text.trim());
  if (!match) return undefined;
  const seconds = Number(match[1]) * UNIT_SECONDS[match[2] || 's']!;
  return seconds > 0 ? seconds : undefined;
}

/** An HS256 token for a principal: for local use (`mappa token`) and tests. */
export async function mintToken(principal: Principal, options: MintOptions): Promise<string> {
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const jwt = new SignJWT({ role: principal.role, agency: principal.agency, areas: principal.areas === '*' ? ['*'] : [...principal.areas] })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(principal.sub)
    .setIssuedAt(now)
    .setExpirationTime(now + (options.ttlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS));
  if (options.issuer !== undefined) jwt.setIssuer(options.issuer);
  if (options.audience !== undefined) jwt.setAudience(options.audience);
  return jwt.sign(new TextEncoder().encode(options.secret));
}
