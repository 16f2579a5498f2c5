import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { describeConfigProblems, loadConfig } from '../../src/infrastructure/config.js';
import { anchorDefaultLocations } from '../../src/infrastructure/default-locations.js';

const SECRET = 'a-production-secret-that-is-long-enough-0123456789';

const ok = (env: Record<string, string>) => {
  const result = loadConfig(env);
  if (!result.ok) throw new Error(describeConfigProblems(result.problems));
  return result.config;
};
const problems = (env: Record<string, string>) => {
  const result = loadConfig(env);
  if (result.ok) throw new Error('expected the configuration to be refused');
  return result.problems;
};

describe('the configuration', () => {
  it('defaults: development, loopback, port 3000, SQLite under ./data, a local development secret', () => {
    const config = ok({});
    expect(config).toMatchObject({
      env: 'development',
      host: '127.0.0.1',
      port: 3000,
      store: { kind: 'sqlite', path: './data/mappa.db' },
      dataDir: './data',
      jwt: { key: { kind: 'local-dev-secret' }, issuer: undefined, audience: undefined },
      logLevel: 'info',
      bodyLimitBytes: 65_536,
      rateLimit: { max: 600, windowMs: 60_000 },
    });
  });

  it('production listens on every interface and needs a key', () => {
    expect(ok({ NODE_ENV: 'production', MAPPA_JWT_SECRET: SECRET }).host).toBe('0.0.0.0');
    expect(problems({ NODE_ENV: 'production' })).toEqual([{ variable: 'MAPPA_JWT_SECRET', message: expect.stringContaining('MAPPA_JWT_PUBLIC_KEY') }]);
    expect(problems({ NODE_ENV: 'production', MAPPA_JWT_SECRET: SECRET, MAPPA_STORE: 'memory' })[0]!.variable).toBe('MAPPA_STORE');
  });

  it('reads every variable', () => {
    const config = ok({
      NODE_ENV: 'test', HOST: '0.0.0.0', PORT: '8080', MAPPA_STORE: 'esdb://admin:changeit@esdb:2113?tls=false', MAPPA_DATA_DIR: '/var/lib/mappa',
      MAPPA_JWT_SECRET: SECRET, MAPPA_JWT_ISSUER: 'https://idp', MAPPA_JWT_AUDIENCE: 'mappa', MAPPA_LOG_LEVEL: 'warn',
      MAPPA_BODY_LIMIT_BYTES: '2048', MAPPA_RATE_LIMIT_MAX: '10', MAPPA_RATE_LIMIT_WINDOW_MS: '1000', MAPPA_SHUTDOWN_DRAIN_MS: '0', MAPPA_SHUTDOWN_TIMEOUT_MS: '5000',
    });
    expect(config).toMatchObject({
      env: 'test', host: '0.0.0.0', port: 8080, store: { kind: 'eventstoredb', connectionString: 'esdb://admin:changeit@esdb:2113?tls=false' },
      dataDir: '/var/lib/mappa', jwt: { key: { kind: 'secret', secret: SECRET }, issuer: 'https://idp', audience: 'mappa' }, logLevel: 'warn',
      bodyLimitBytes: 2048, rateLimit: { max: 10, windowMs: 1000 }, shutdown: { drainMs: 0, timeoutMs: 5000 },
    });
    expect(ok({ MAPPA_STORE: 'memory' }).store).toEqual({ kind: 'memory' });
    expect(ok({ PORT: '' }).port).toBe(3000);
  });

  it('MAPPA_KEY_STORE: beside the store in the data directory by default, memory beside memory, never memory beside a durable store', () => {
    expect(ok({}).keyStore).toEqual({ kind: 'sqlite', path: 'data/mappa-keys.db' });
    expect(ok({ MAPPA_DATA_DIR: '/var/lib/mappa', MAPPA_STORE: 'esdb://esdb:2113?tls=false' }).keyStore).toEqual({ kind: 'sqlite', path: '/var/lib/mappa/mappa-keys.db' });
    expect(ok({ MAPPA_STORE: 'memory' }).keyStore).toEqual({ kind: 'memory' });
    expect(ok({ MAPPA_KEY_STORE: 'sqlite:/secure/keys.db' }).keyStore).toEqual({ kind: 'sqlite', path: '/secure/keys.db' });
    expect(problems({ MAPPA_KEY_STORE: 'memory' })).toEqual([{ variable: 'MAPPA_KEY_STORE', message: expect.stringContaining('restart') }]);
    expect(problems({ MAPPA_KEY_STORE: 'postgres://keys' })).toEqual([{ variable: 'MAPPA_KEY_STORE', message: 'must be `memory` or `sqlite:<path>`' }]);
  });

  it('the default key store is anchored in the package directory, as the store is; a location given is used as given', () => {
    expect(anchorDefaultLocations(ok({}), {}, '/opt/mappa').keyStore).toEqual({ kind: 'sqlite', path: '/opt/mappa/data/mappa-keys.db' });
    expect(anchorDefaultLocations(ok({ MAPPA_KEY_STORE: 'sqlite:keys.db' }), { MAPPA_KEY_STORE: 'sqlite:keys.db' }, '/opt/mappa').keyStore).toEqual({ kind: 'sqlite', path: 'keys.db' });
  });

  it('a public key picks its one algorithm; a PEM with literal \\n is accepted', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(ok({ MAPPA_JWT_PUBLIC_KEY: rsa }).jwt.key).toMatchObject({ kind: 'public-key', algorithm: 'RS256' });
    expect(ok({ MAPPA_JWT_PUBLIC_KEY: ec.replaceAll('\n', '\\n') }).jwt.key).toMatchObject({ kind: 'public-key', algorithm: 'ES256' });
    const small = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(problems({ MAPPA_JWT_PUBLIC_KEY: small })[0]!.variable).toBe('MAPPA_JWT_PUBLIC_KEY');
    expect(problems({ MAPPA_JWT_PUBLIC_KEY: rsa, MAPPA_JWT_SECRET: SECRET })[0]!.variable).toBe('MAPPA_JWT_PUBLIC_KEY');
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['NODE_ENV', 'staging'],
    ['MAPPA_STORE', 'postgres://db'],
    ['MAPPA_JWT_SECRET', 'too-short-a-secret'],
    ['MAPPA_JWT_PUBLIC_KEY', '-----BEGIN PUBLIC KEY-----\nnot a key\n-----END PUBLIC KEY-----'],
    ['MAPPA_LOG_LEVEL', 'loud'],
    ['MAPPA_BODY_LIMIT_BYTES', '-1'],
    ['MAPPA_RATE_LIMIT_MAX', '0'],
  ])('refuses %s=%s naming the variable and never its value', (variable, value) => {
    const found = problems({ [variable]: value });
    expect(found.map((p) => p.variable)).toEqual([variable]);
    expect(describeConfigProblems(found)).toContain(variable);
    expect(describeConfigProblems(found)).not.toContain(value);
  });
});
