import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAnonymousRoute } from '../../src/infrastructure/auth/policy.js';
import { startApi, type TestApi } from './support/api.js';

/**
 * docs/CHECKS.md A1: every route needs a bearer token except an explicit allowlist (health probes,
 * the OpenAPI document and its viewer, the web page and its assets, and outside production
 * the development sign-in). The routes are listed from Fastify itself, so a new anonymous
 * route fails here.
 */
describe('A1: every route needs a bearer token except the allowlist', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  const EXPECTED_ANONYMOUS = ['/health/live', '/health/ready', '/docs', '/docs/json', '/docs/yaml', '/docs/static/*', '/', '/assets/*', '/dev/tokens'];

  it('the allowlist holds only health probes, the documentation, the web page and the development sign-in', () => {
    const anonymous = [...new Set(api.app.registeredRoutes.filter((r) => isAnonymousRoute(r.url)).map((r) => r.url))];
    expect(anonymous.sort()).toEqual(expect.arrayContaining(['/health/live', '/health/ready', '/docs/json', '/', '/dev/tokens']));
    for (const url of anonymous) expect(EXPECTED_ANONYMOUS.some((known) => known === url || url.startsWith('/docs/static/'))).toBe(true);
  });

  it('every other route names an action of the policy', () => {
    const unguarded = api.app.registeredRoutes.filter((r) => !isAnonymousRoute(r.url) && r.action === undefined);
    expect(unguarded).toEqual([]);
  });

  it('every route outside the allowlist answers 401 problem+json to an anonymous request', async () => {
    const guarded = api.app.registeredRoutes.filter((r) => !isAnonymousRoute(r.url));
    expect(guarded.length).toBeGreaterThanOrEqual(6);
    for (const route of guarded) {
      const url = route.url.replace(':caseId', 'case-1').replace(':area', 'cumbria').replace(':reportingYear', '2008-09');
      const response = await api.app.inject({ method: route.method as 'GET', url, headers: { 'content-type': 'application/json' }, payload: route.method === 'GET' || route.method === 'HEAD' ? undefined : '{}' });
      expect({ route: `${route.method} ${route.url}`, status: response.statusCode }).toEqual({ route: `${route.method} ${route.url}`, status: 401 });
      if (route.method !== 'HEAD') expect(String(response.headers['content-type'])).toMatch(/^application\/problem\+json/);
      expect(response.headers['www-authenticate']).toMatch(/^Bearer /);
    }
  });

  it('the allowlisted routes answer without a token', async () => {
    for (const url of ['/health/live', '/health/ready', '/docs/json', '/docs']) {
      expect((await api.app.inject({ method: 'GET', url })).statusCode).toBe(200);
    }
  });
});
