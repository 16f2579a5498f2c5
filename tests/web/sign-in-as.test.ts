import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../src/infrastructure/config.js';
import { serve, type Server } from '../../src/infrastructure/http/serve.js';
import { webOptionsFor } from '../../src/infrastructure/web/web-routes.js';
import { json, principal, startApi, TEST_SECRET, type TestApi } from '../http/support/api.js';
import { makeTempDir } from '../support/temp-dir.js';

const SECRET = 'a-secret-for-the-sign-in-tests-0123456789abcdef';

function configFor(env: Record<string, string>): Config {
  const result = loadConfig({ HOST: '127.0.0.1', PORT: '0', MAPPA_LOG_LEVEL: 'silent', ...env });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.config;
}

/** Signing in to the web page: `GET /session` says who a token is, `POST /dev/tokens` mints one outside production only. */
describe('sign-in: GET /session and the development "sign in as"', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  it('GET /session answers the verified subject, role, agency and areas, to every role; 401 without a token', async () => {
    const session = await api.as(principal('reviewer', { sub: 'rita', areas: ['cumbria', 'lancashire'] })).get('/session');
    expect(session.statusCode).toBe(200);
    expect(json(session)).toEqual({ sub: 'rita', role: 'reviewer', agency: 'police', areas: ['cumbria', 'lancashire'] });
    expect(json(await api.as(principal('auditor', { areas: '*' })).get('/session'))).toMatchObject({ role: 'auditor', areas: ['*'] });
    const anonymous = await api.anonymous.get('/session');
    expect([anonymous.statusCode, anonymous.headers['www-authenticate']]).toEqual([401, 'Bearer realm="mappa"']);
  });

  it('POST /dev/tokens mints a token the API accepts, for exactly the claims asked, and refuses bad claims naming the field', async () => {
    const minted = await api.anonymous.request({
      method: 'POST', url: '/dev/tokens', headers: { 'content-type': 'application/json' },
      payload: { sub: 'dev-analyst', role: 'analyst', agency: 'other', areas: ['*'] },
    });
    expect(minted.statusCode).toBe(201);
    expect(minted.headers['cache-control']).toBe('no-store');
    const { token, expiresAt } = json(minted) as { token: string; expiresAt: string };
    expect(Date.parse(expiresAt) - Date.now()).toBeGreaterThan(7 * 3600 * 1000);
    const session = await api.app.inject({ method: 'GET', url: '/session', headers: { authorization: `Bearer ${token}` } });
    expect(json(session)).toEqual({ sub: 'dev-analyst', role: 'analyst', agency: 'other', areas: ['*'] });
    for (const [payload, field] of [
      [{ sub: 'x', role: 'wizard', agency: 'police', areas: ['cumbria'] }, 'role'],
      [{ sub: 'x', role: 'analyst', agency: 'police', areas: ['cumbria', 'atlantis'] }, 'areas.1'],
      [{ sub: 'x', role: 'analyst', agency: 'police', areas: ['*', 'cumbria'] }, 'areas'],
      [{ sub: 'x', role: 'analyst', agency: 'police', areas: ['cumbria'], exp: 99999999999 }, 'exp'],
      [{ role: 'analyst', agency: 'police', areas: ['cumbria'] }, 'sub'],
    ] as const) {
      const refused = await api.anonymous.request({ method: 'POST', url: '/dev/tokens', headers: { 'content-type': 'application/json' }, payload });
      expect({ field, status: refused.statusCode }).toEqual({ field, status: 400 });
      expect(JSON.stringify(json(refused)['errors'])).toContain(field);
    }
  });

  it('"sign in as" is wired outside production only, and only where this engine holds the signing secret', () => {
    expect(webOptionsFor(configFor({ NODE_ENV: 'production', MAPPA_JWT_SECRET: SECRET })).signInAs).toBeUndefined();
    expect(webOptionsFor(configFor({ NODE_ENV: 'development', MAPPA_JWT_SECRET: SECRET })).signInAs?.secret).toBe(SECRET);
    expect(webOptionsFor(configFor({ NODE_ENV: 'test', MAPPA_JWT_SECRET: TEST_SECRET })).signInAs?.secret).toBe(TEST_SECRET);
  });

  describe.each([
    ['production', 404],
    ['development', 201],
  ] as const)('the server as `npm start` runs it, NODE_ENV=%s', (env, expected) => {
    const dir = makeTempDir(`sign-in-${env}`);
    let server: Server;
    let base: string;
    beforeAll(async () => {
      server = await serve(configFor({ NODE_ENV: env, MAPPA_JWT_SECRET: SECRET, MAPPA_STORE: `sqlite:${dir.path}/events.db`, MAPPA_DATA_DIR: dir.path }));
      const address = server.app.server.address();
      base = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
    });
    afterAll(async () => {
      await server.stop(0);
      dir.remove();
    });

    it(`POST /dev/tokens answers ${expected}${env === 'production' ? ': the route does not exist' : ''}`, async () => {
      const response = await fetch(`${base}/dev/tokens`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ sub: 'someone', role: 'reviewer', agency: 'police', areas: ['*'] }),
      });
      expect(response.status).toBe(expected);
      const registered = server.app.registeredRoutes.some((r) => r.url === '/dev/tokens');
      expect(registered).toBe(env !== 'production');
      const documented = Object.keys(((await (await fetch(`${base}/docs/json`)).json()) as { paths: object }).paths);
      expect(documented.includes('/dev/tokens')).toBe(env !== 'production');
      expect(documented).toEqual(expect.arrayContaining(['/session', '/returns', '/returns/{reportingYear}/areas']));
    });
  });
});
