import { generateKeyPairSync } from 'node:crypto';
import { SignJWT, UnsecuredJWT } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { refer } from '../domain/case/support/builders.js';
import { allEvents, startApi, TEST_AUDIENCE, TEST_ISSUER, TEST_SECRET, type TestApi } from './support/api.js';

const claims = { role: 'coordinator', agency: 'police', areas: ['cumbria'] };
const secret = new TextEncoder().encode(TEST_SECRET);
const now = () => Math.floor(Date.now() / 1000);

function signed(overrides: { iss?: string; aud?: string; exp?: number; nbf?: number; payload?: Record<string, unknown>; key?: Uint8Array } = {}) {
  const jwt = new SignJWT({ ...claims, ...overrides.payload })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('mallory')
    .setIssuer(overrides.iss ?? TEST_ISSUER)
    .setAudience(overrides.aud ?? TEST_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(overrides.exp ?? now() + 600);
  if (overrides.nbf !== undefined) jwt.setNotBefore(overrides.nbf);
  return jwt.sign(overrides.key ?? secret);
}

/** Replaces the payload of a signed token, keeping its header and signature. */
function tamper(token: string, change: (payload: Record<string, unknown>) => Record<string, unknown>): string {
  const [header, payload, signature] = token.split('.');
  const decoded = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')) as Record<string, unknown>;
  return [header, Buffer.from(JSON.stringify(change(decoded))).toString('base64url'), signature].join('.');
}

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

/** docs/CHECKS.md A2: each bad token is 401 problem+json with WWW-Authenticate: Bearer, and nothing is written. */
describe('A2: refused tokens', () => {
  let api: TestApi;
  beforeEach(async () => {
    api = await startApi();
  });
  afterEach(() => api.close());

  const cases: [string, () => Promise<string>][] = [
    ['alg none', async () => new UnsecuredJWT({ ...claims }).setSubject('mallory').setIssuer(TEST_ISSUER).setAudience(TEST_AUDIENCE).setExpirationTime(now() + 600).encode()],
    ['alg none with the signature of a good token', async () => {
      const good = await signed();
      const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
      return [header, good.split('.')[1], good.split('.')[2]].join('.');
    }],
    ['a wrong signature (another secret)', () => signed({ key: new TextEncoder().encode('another-secret-another-secret-another-secret') })],
    ['another algorithm (RS256 to an HS256 server)', () =>
      new SignJWT(claims).setProtectedHeader({ alg: 'RS256' }).setSubject('mallory').setIssuer(TEST_ISSUER).setAudience(TEST_AUDIENCE).setExpirationTime(now() + 600).sign(privateKey)],
    ['a wrong issuer', () => signed({ iss: 'https://evil.example' })],
    ['a wrong audience', () => signed({ aud: 'another-api' })],
    ['expired', () => signed({ exp: now() - 60 })],
    ['not yet valid', () => signed({ nbf: now() + 600 })],
    ['a tampered payload (areas widened)', async () => tamper(await signed(), (p) => ({ ...p, areas: ['*'] }))],
    ['a tampered payload (role changed)', async () => tamper(await signed(), (p) => ({ ...p, role: 'admin' }))],
    ['an unknown role', () => signed({ payload: { role: 'superuser' } })],
    ['areas that are not area codes', () => signed({ payload: { areas: ['atlantis'] } })],
    ['not a JWT at all', async () => 'not-a-token'],
    ['an empty bearer', async () => ''],
  ];

  it.each(cases)('%s: 401, WWW-Authenticate Bearer, nothing written', async (_name, token) => {
    const bearer = await token();
    const response = await api.app.inject({
      method: 'POST',
      url: '/cases/case-1/commands',
      headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
      payload: JSON.stringify(refer()),
    });
    expect(response.statusCode).toBe(401);
    expect(String(response.headers['content-type'])).toBe('application/problem+json; charset=utf-8');
    expect(response.headers['www-authenticate']).toMatch(/^Bearer realm="mappa"(, error="invalid_token", error_description="[^"]+")?$/);
    if (bearer !== '') expect(response.headers['www-authenticate']).toContain('error="invalid_token"');
    expect(response.json()).toMatchObject({ status: 401, code: expect.stringMatching(/^(invalid-token|unauthenticated)$/) });
    // Nothing of the token comes back.
    if (bearer.length > 10) expect(response.body).not.toContain(bearer.split('.')[0]!.slice(-10));
    expect(await allEvents(api.store)).toHaveLength(0);
  });

  it('the same request with a good token is accepted (the cases above fail for their token alone)', async () => {
    const response = await api.app.inject({
      method: 'POST',
      url: '/cases/case-1/commands',
      headers: { authorization: `Bearer ${await signed()}`, 'content-type': 'application/json' },
      payload: JSON.stringify(refer()),
    });
    expect(response.statusCode).toBe(201);
  });
});
