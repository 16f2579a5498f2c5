import { join } from 'node:path';
import { statSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureLocalSecret } from '../../src/infrastructure/auth/jwt-key.js';
import { tokenVerifier } from '../../src/infrastructure/auth/verify-token.js';
import { MAPPA_CLI, runTs } from '../support/run-process.js';
import { makeTempDir } from '../support/temp-dir.js';

describe('mappa token', () => {
  let dir: ReturnType<typeof makeTempDir> | undefined;
  afterEach(() => dir?.remove());

  it('mints a token the server accepts, with the local secret generated once, readable by its owner only', async () => {
    dir = makeTempDir('token');
    const dataDir = join(dir.path, 'data');
    const result = await runTs(MAPPA_CLI, ['token', '--sub', 'alice', '--role', 'coordinator', '--agency', 'probation', '--areas', 'cumbria,lancashire', '--ttl', '15m'], { MAPPA_DATA_DIR: dataDir });
    expect(result.code).toBe(0);
    const token = result.stdout.trim();
    expect(statSync(join(dataDir, 'jwt-secret')).mode & 0o777).toBe(0o600);
    const verify = tokenVerifier({ verification: { algorithm: 'HS256', key: new TextEncoder().encode(ensureLocalSecret(dataDir)) } });
    const verified = await verify(token);
    expect(verified).toEqual({ ok: true, principal: { sub: 'alice', role: 'coordinator', agency: 'probation', areas: ['cumbria', 'lancashire'] } });
    const payload = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as { exp: number; iat: number };
    expect(payload.exp - payload.iat).toBe(900);
  });

  it('uses MAPPA_JWT_SECRET, issuer and audience when configured', async () => {
    dir = makeTempDir('token');
    const secret = 'configured-secret-configured-secret-0123';
    const result = await runTs(MAPPA_CLI, ['token', '--sub', 'a', '--role', 'auditor', '--agency', 'other', '--areas', '*'], {
      MAPPA_DATA_DIR: dir.path, MAPPA_JWT_SECRET: secret, MAPPA_JWT_ISSUER: 'https://idp.local', MAPPA_JWT_AUDIENCE: 'mappa',
    });
    const verify = tokenVerifier({ verification: { algorithm: 'HS256', key: new TextEncoder().encode(secret) }, issuer: 'https://idp.local', audience: 'mappa' });
    expect(await verify(result.stdout.trim())).toMatchObject({ ok: true, principal: { areas: '*' } });
  });

  it('refuses in production, and refuses bad options naming them', async () => {
    dir = makeTempDir('token');
    const production = await runTs(MAPPA_CLI, ['token', '--sub', 'a', '--role', 'admin', '--agency', 'other', '--areas', '*'], {
      NODE_ENV: 'production', MAPPA_JWT_SECRET: 'production-secret-production-secret-0123', MAPPA_DATA_DIR: dir.path,
    });
    expect(production.code).toBe(1);
    expect(production.stdout).toBe('');
    expect(production.stderr).toContain('production');
    const badArea = await runTs(MAPPA_CLI, ['token', '--sub', 'a', '--role', 'admin', '--agency', 'other', '--areas', 'atlantis'], { MAPPA_DATA_DIR: dir.path });
    expect(badArea.code).toBe(2);
    expect(badArea.stderr).toContain('--areas');
  });
});
