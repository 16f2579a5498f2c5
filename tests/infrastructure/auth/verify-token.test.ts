import { generateKeyPairSync } from 'node:crypto';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { mintToken, parseTtl } from '../../../src/infrastructure/auth/mint-token.js';
import { tokenVerifier } from '../../../src/infrastructure/auth/verify-token.js';

const claims = { role: 'reviewer', agency: 'probation', areas: ['cumbria', 'lancashire'] };
const now = () => Math.floor(Date.now() / 1000);

describe('token verification', () => {
  it.each([
    ['RS256', generateKeyPairSync('rsa', { modulusLength: 2048 })],
    ['ES256', generateKeyPairSync('ec', { namedCurve: 'P-256' })],
    ['EdDSA', generateKeyPairSync('ed25519')],
  ] as const)('%s with a public key: accepts its own signature, refuses every other algorithm', async (algorithm, { publicKey, privateKey }) => {
    const verify = tokenVerifier({ verification: { algorithm, key: publicKey }, issuer: 'https://idp', audience: 'mappa' });
    const good = await new SignJWT(claims).setProtectedHeader({ alg: algorithm }).setSubject('r-1').setIssuer('https://idp').setAudience('mappa').setExpirationTime(now() + 60).sign(privateKey);
    expect(await verify(good)).toEqual({ ok: true, principal: { sub: 'r-1', role: 'reviewer', agency: 'probation', areas: ['cumbria', 'lancashire'] } });
    // The classic confusion: an HMAC token keyed with the public key's bytes.
    const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const confused = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('r-1').setIssuer('https://idp').setAudience('mappa').setExpirationTime(now() + 60).sign(new TextEncoder().encode(pem));
    expect(await verify(confused)).toMatchObject({ ok: false, refusal: { reason: 'invalid' } });
  });

  it('requires exp and sub, tolerates a few seconds of skew, and says why without echoing the token', async () => {
    const secret = 'a-secret-for-unit-tests-0123456789abcdef';
    const verify = tokenVerifier({ verification: { algorithm: 'HS256', key: new TextEncoder().encode(secret) } });
    const key = new TextEncoder().encode(secret);
    const noExp = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('x').sign(key);
    expect(await verify(noExp)).toMatchObject({ ok: false });
    const noSub = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setExpirationTime(now() + 60).sign(key);
    expect(await verify(noSub)).toMatchObject({ ok: false });
    const justExpired = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('x').setExpirationTime(now() - 2).sign(key);
    expect(await verify(justExpired)).toMatchObject({ ok: true });
    const expired = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('x').setExpirationTime(now() - 60).sign(key);
    expect(await verify(expired)).toEqual({ ok: false, refusal: { reason: 'expired', description: 'the token has expired' } });
    const mixedAreas = await new SignJWT({ ...claims, areas: ['*', 'cumbria'] }).setProtectedHeader({ alg: 'HS256' }).setSubject('x').setExpirationTime(now() + 60).sign(key);
    expect(await verify(mixedAreas)).toMatchObject({ ok: false, refusal: { reason: 'claims' } });
    const everywhere = await mintToken({ sub: 'a', role: 'auditor', agency: 'other', areas: '*' }, { secret });
    expect(await verify(everywhere)).toMatchObject({ ok: true, principal: { areas: '*' } });
  });

  it('a token verified once is remembered by its exact text, until it expires', async () => {
    const secret = 'a-secret-for-unit-tests-0123456789abcdef';
    let clock = Date.parse('2026-11-24T10:00:00Z');
    const verify = tokenVerifier({ verification: { algorithm: 'HS256', key: new TextEncoder().encode(secret) } }, () => clock);
    const token = await mintToken({ sub: 'a', role: 'reviewer', agency: 'police', areas: ['cumbria'] }, { secret, ttlSeconds: 60, now: new Date(clock) });
    expect(await verify(token)).toMatchObject({ ok: true });
    clock += 30_000;
    expect(await verify(token)).toMatchObject({ ok: true });
    // The signature's first character changed: not the remembered text, so verified again, and refused.
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const forged = `${header}.${payload}.${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}`;
    expect(await verify(forged)).toMatchObject({ ok: false, refusal: { reason: 'invalid' } });
    clock += 40_000;
    expect(await verify(token)).toEqual({ ok: false, refusal: { reason: 'expired', description: 'the token has expired' } });
    expect(await verify(token)).toEqual({ ok: false, refusal: { reason: 'expired', description: 'the token has expired' } });
  });

  it('reads token lifetimes', () => {
    expect([parseTtl('90'), parseTtl('15m'), parseTtl('8h'), parseTtl('1d')]).toEqual([90, 900, 28_800, 86_400]);
    expect([parseTtl('0'), parseTtl('8 hours'), parseTtl('-1h')]).toEqual([undefined, undefined, undefined]);
  });
});
