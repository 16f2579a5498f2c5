import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refer } from '../domain/case/support/builders.js';
import { principal, startApi, type TestApi } from './support/api.js';

/** docs/CHECKS.md V4: security headers on every response, whatever its status. */
describe('V4: security headers on every response', () => {
  let api: TestApi;
  const responses: [string, LightMyRequestResponse][] = [];

  beforeAll(async () => {
    api = await startApi({ config: { rateLimit: { max: 40, windowMs: 60_000 } } });
    const coordinator = api.as(principal('coordinator'));
    const reviewer = api.as(principal('reviewer'));
    const add = async (name: string, response: Promise<LightMyRequestResponse>) => responses.push([name, await response]);
    await add('201 command', coordinator.command('case-1', refer()));
    await add('200 no-op command', coordinator.command('case-1', { type: 'SetManagementLevel', occurredOn: '2009-01-01', level: 1 }));
    await add('200 case', reviewer.get('/cases/case-1'));
    await add('200 past case', reviewer.get('/cases/case-1?asOf=2009-01-01'));
    await add('200 history', reviewer.get('/cases/case-1/events'));
    await add('200 areas', reviewer.get('/areas'));
    await add('200 audit', api.as(principal('auditor')).get('/audit'));
    await add('200 health', api.anonymous.get('/health/ready'));
    await add('400 bad json', coordinator.request({ method: 'POST', url: '/cases/case-1/commands', headers: { 'content-type': 'application/json' }, payload: '{' }));
    await add('401', api.anonymous.get('/cases/case-1'));
    await add('403', api.as(principal('analyst')).get('/cases/case-1'));
    await add('404 case', reviewer.get('/cases/none'));
    await add('404 route', reviewer.get('/nowhere'));
    await add('412', coordinator.command('case-1', { type: 'ChangeLocalUnit', occurredOn: '2009-01-01', localUnit: 'X' }, { 'if-match': '"9"' }));
    await add('413', coordinator.command('case-2', { ...refer(), localUnit: 'x'.repeat(80_000) }));
    await add('415', coordinator.request({ method: 'POST', url: '/cases/case-1/commands', headers: { 'content-type': 'text/plain' }, payload: 'x' }));
    await add('422', coordinator.command('case-1', refer()));
    const limited = api.as(principal('reviewer', { sub: 'greedy' }));
    for (let i = 0; i < 40; i++) await limited.get('/areas');
    await add('429', limited.get('/areas'));
  });
  afterAll(() => api.close());

  it('covers every status of interest', () => {
    expect(new Set(responses.map(([, r]) => r.statusCode))).toEqual(new Set([200, 201, 400, 401, 403, 404, 412, 413, 415, 422, 429]));
  });

  it('nosniff, a restrictive CSP, no framing, no-store, no framework or server banner', () => {
    for (const [name, response] of responses) {
      const h = response.headers;
      expect({ name, nosniff: h['x-content-type-options'] }).toEqual({ name, nosniff: 'nosniff' });
      expect({ name, csp: h['content-security-policy'] }).toEqual({ name, csp: "default-src 'none';base-uri 'none';form-action 'none';frame-ancestors 'none'" });
      expect({ name, cache: h['cache-control'] }).toEqual({ name, cache: 'no-store' });
      expect({ name, frame: h['x-frame-options'] }).toEqual({ name, frame: 'DENY' });
      expect({ name, poweredBy: h['x-powered-by'], server: h['server'] }).toEqual({ name, poweredBy: undefined, server: undefined });
      expect({ name, referrer: h['referrer-policy'] }).toEqual({ name, referrer: 'no-referrer' });
    }
  });

  it('the whole set helmet gives for these options, on every response (set once at start-up, not built per request)', () => {
    const expected = {
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-origin',
      'origin-agent-cluster': '?1',
      'strict-transport-security': 'max-age=31536000; includeSubDomains',
      'x-dns-prefetch-control': 'off',
      'x-download-options': 'noopen',
      'x-permitted-cross-domain-policies': 'none',
      'x-xss-protection': '0',
    };
    for (const [name, response] of responses) {
      const h = response.headers;
      const seen = Object.fromEntries(Object.keys(expected).map((key) => [key, h[key]]));
      expect({ name, ...seen }).toEqual({ name, ...expected });
    }
  });

  it('the documentation pages get their own CSP: this origin only, no inline script, no framing', async () => {
    for (const url of ['/docs', '/docs/json', '/docs/static/swagger-ui.css']) {
      const docs = await api.anonymous.get(url);
      expect({ url, status: docs.statusCode }).toEqual({ url, status: 200 });
      const csp = String(docs.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*|https:|http:/);
      expect(docs.headers['x-content-type-options']).toBe('nosniff');
      expect(docs.headers['x-powered-by']).toBeUndefined();
    }
  });
});
