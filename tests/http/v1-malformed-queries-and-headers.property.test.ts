import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POLICY, type Action } from '../../src/infrastructure/auth/policy.js';
import { ROLES, type Role } from '../../src/infrastructure/auth/actor.js';
import type { RegisteredRoute } from '../../src/infrastructure/http/fastify-types.js';
import { refer } from '../domain/case/support/builders.js';
import { VALID } from './support/command-samples.js';
import { principal, startApi, tokenFor, type TestApi } from './support/api.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 150);

/** Every query parameter any route reads, and a few no route reads. */
const QUERY_KEYS = ['asOf', 'knownAt', 'from', 'limit', 'caseId', 'actor', 'to', 'after', 'area', 'category', 'level', 'leadAgency', 'reviewOverdue', 'format', '__proto__', 'constructor', 'a[b]', 'x'];
/** Every header a route reads, and some the framework does. */
const HEADER_NAMES = ['if-match', 'idempotency-key', 'x-purpose', 'x-request-id', 'accept', 'content-type', 'accept-version', 'accept-encoding', 'x-forwarded-for', 'cookie', 'range', 'if-none-match', 'x-other'];

/** Text a client can put in a query value (percent-encoded) or a header value (visible ASCII, spaces, Latin-1). */
const edgeValues = fc.constantFrom(
  '', ' ', '0', '-1', '1e400', '9'.repeat(40), '18446744073709551616', '9223372036854775808', 'NaN', 'true', 'null', '[]', '{}',
  '0000-00-00', '9999-12-31', '10000-01-01', '1900-01-01', '2008-02-30', '2008-09', '2009-01-01T00:00:00Z', '9999-12-31T23:59:59.999Z',
  '"0"', '"-1"', '"99999999999999999999"', 'W/"1"', '*', 'text/csv', 'text/plain', 'application/json', 'cumbria', 'england-and-wales', 'x'.repeat(5000),
);
const queryValue = fc.oneof(edgeValues, fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 20 }), fc.integer().map(String), fc.double().map(String));
const headerValue = fc.oneof(edgeValues, fc.string({ unit: fc.integer({ min: 0x20, max: 0xff }).map((c) => String.fromCharCode(c)), maxLength: 60 }));

const queryString = fc
  .array(fc.oneof({ weight: 3, arbitrary: fc.tuple(fc.constantFrom(...QUERY_KEYS), edgeValues) }, { weight: 2, arbitrary: fc.tuple(fc.oneof(fc.constantFrom(...QUERY_KEYS), fc.string({ maxLength: 8 })), queryValue) }), { maxLength: 6 })
  .map((pairs) => pairs.map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`).join('&'));
const headers = fc
  .array(fc.tuple(fc.oneof(fc.constantFrom(...HEADER_NAMES), fc.stringMatching(/^x-[a-z0-9-]{1,12}$/)), headerValue), { maxLength: 5 })
  .map((pairs) => Object.fromEntries(pairs.map(([name, value]) => [name, value.trim() === '' ? 'v' : value.trim()])));
const pathValue = fc.oneof(fc.constantFrom('case-1', 'absent', 'cumbria', 'kent', 'england-and-wales', '2008-09', '9999-00', 'x'.repeat(64)), fc.string({ maxLength: 20 }).map(encodeURIComponent));

/** A role the policy lets perform the route's action (the request then reaches the route's own checks). */
function roleFor(action: RegisteredRoute['action']): Role | undefined {
  if (action === undefined || typeof action === 'function') return 'reviewer';
  return ROLES.find((role) => Object.hasOwn(POLICY[role], action as Action));
}

/**
 * docs/CHECKS.md V1 beyond bodies: query strings and headers of every route, generated (known keys
 * with edge values, unknown keys, repeated keys, prototype names, huge and odd text), sent with a
 * token of a role the route admits and a valid body where it takes one: never a 500, and every
 * refusal is problem+json.
 */
describe('V1: malformed query strings and headers, every route', () => {
  let api: TestApi;
  const tokens = new Map<Role, string>();
  beforeAll(async () => {
    api = await startApi();
    await api.as(principal('coordinator')).command('case-1', refer());
    for (const role of ROLES) tokens.set(role, await tokenFor(principal(role, { areas: role === 'auditor' || role === 'admin' ? '*' : ['cumbria'] }), 3600));
  });
  afterAll(() => api.close());

  it('lists the routes it covers', () => {
    expect(api.app.registeredRoutes.filter((r) => !r.url.startsWith('/docs/static')).length).toBeGreaterThanOrEqual(12);
  });

  const bodyFor = (route: RegisteredRoute, pick: number): string | undefined => {
    if (route.url === '/cases/:caseId/commands') return JSON.stringify(Object.values(VALID)[pick % Object.values(VALID).length]);
    if (route.url.startsWith('/areas/')) return JSON.stringify({ population: 493_000, basis: 'all-ages', source: 'ONS' });
    return route.method === 'POST' || route.method === 'PUT' ? '{}' : undefined;
  };

  /** Each route's own query parameters, from the OpenAPI document generated from its schema. */
  const queryParameters = (route: RegisteredRoute): string[] => {
    const doc = api.app.swagger() as { paths: Record<string, Record<string, { parameters?: { in: string; name: string }[] }>> };
    const operation = doc.paths[route.url.replace(/:([A-Za-z]+)/g, '{$1}')]?.[route.method.toLowerCase()];
    return (operation?.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
  };
  /** What a route needs besides the parameter under test, so that parameter is what decides the answer. */
  const REQUIRED: Readonly<Record<string, string>> = { '/returns/:reportingYear': 'area=cumbria' };

  it('every query parameter of every route, alone, with every edge value: 0 answers of 500', async () => {
    const values = fc.sample(edgeValues, { numRuns: 400, seed: 1 }).filter((v, i, all) => all.indexOf(v) === i);
    let sent = 0;
    const failures: string[] = [];
    for (const route of api.app.registeredRoutes.filter((r) => !r.url.startsWith('/docs'))) {
      const role = roleFor(route.action)!;
      const path = route.url.replace(':caseId', 'case-1').replace(':area', 'cumbria').replace(':reportingYear', '2008-09');
      for (const name of queryParameters(route)) {
        for (const value of values) {
          const query = [REQUIRED[route.url], `${name}=${encodeURIComponent(value)}`].filter(Boolean).join('&');
          const body = bodyFor(route, sent);
          const response = await api.app.inject({
            method: route.method as 'GET',
            url: `${path}?${query}`,
            headers: { authorization: `Bearer ${tokens.get(role)}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
            ...(body !== undefined && { payload: body }),
          });
          sent++;
          if (response.statusCode >= 500 && response.statusCode !== 503) failures.push(`${route.method} ${path}?${query.slice(0, 80)}: ${response.statusCode}`);
          else if (response.statusCode >= 400 && !String(response.headers['content-type']).startsWith('application/problem+json')) failures.push(`${route.method} ${path}?${query.slice(0, 80)}: not problem+json`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThan(300);
  });

  it(`${RUNS} requests per route with generated query strings and headers: 0 answers of 500, every refusal problem+json`, async () => {
    const routes = api.app.registeredRoutes.filter((r) => !r.url.startsWith('/docs/static'));
    for (const route of routes) {
      const role = roleFor(route.action);
      await fc.assert(
        fc.asyncProperty(pathValue, queryString, headers, fc.nat(), fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }), async (segment, query, extra, pick, withToken) => {
          const path = route.url.replace(/:[A-Za-z]+/g, segment);
          const body = bodyFor(route, pick);
          const response = await api.app.inject({
            method: route.method as 'GET',
            url: query === '' ? path : `${path}?${query}`,
            headers: {
              ...(body !== undefined && { 'content-type': 'application/json' }),
              ...extra,
              ...(withToken && role !== undefined && { authorization: `Bearer ${tokens.get(role)}` }),
            },
            ...(body !== undefined && { payload: body }),
          });
          const summary = `${route.method} ${path}?${query.slice(0, 200)} ${JSON.stringify(extra).slice(0, 300)}: ${response.statusCode} ${response.body.slice(0, 200)}`;
          if (response.statusCode >= 500 && response.statusCode !== 503) throw new Error(summary);
          if (response.statusCode >= 400 && !String(response.headers['content-type']).startsWith('application/problem+json')) throw new Error(`not problem+json: ${summary}`);
        }),
        { numRuns: RUNS },
      );
    }
  });
});
