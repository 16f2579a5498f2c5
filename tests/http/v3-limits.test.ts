import { afterEach, describe, expect, it } from 'vitest';
import { refer } from '../domain/case/support/builders.js';
import { allEvents, principal, startApi, tokenFor, type TestApi } from './support/api.js';

/** docs/CHECKS.md V3: body over the limit 413, wrong content type 415, over the rate limit 429 with Retry-After. */
describe('V3: limits', () => {
  let api: TestApi | undefined;
  afterEach(() => api?.close());

  it('413 for a body over the configured limit, before it is parsed; nothing written', async () => {
    api = await startApi({ config: { bodyLimitBytes: 4096 } });
    const as = api.as(principal('coordinator'));
    const fits = { ...refer(), localUnit: 'x'.repeat(100) };
    expect((await as.command('case-1', fits)).statusCode).toBe(201);
    const tooLarge = await as.command('case-2', { ...refer(), localUnit: 'x'.repeat(5000) });
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json()).toMatchObject({ code: 'payload-too-large', status: 413 });
    // Not even valid JSON: the size is refused first.
    const junk = await as.request({ method: 'POST', url: '/cases/case-3/commands', headers: { 'content-type': 'application/json' }, payload: '{'.repeat(10_000) });
    expect(junk.statusCode).toBe(413);
    expect(await allEvents(api.store)).toHaveLength(1);
  });

  it('415 for anything but application/json, including no content type', async () => {
    api = await startApi();
    const as = api.as(principal('coordinator'));
    const body = JSON.stringify(refer());
    for (const headers of [{ 'content-type': 'text/plain' }, { 'content-type': 'application/json-patch+json' }, { 'content-type': 'multipart/form-data; boundary=x' }, {}]) {
      const response = await as.request({ method: 'POST', url: '/cases/case-1/commands', headers, payload: body });
      expect({ headers, status: response.statusCode }).toEqual({ headers, status: 415 });
      expect(String(response.headers['content-type'])).toMatch(/^application\/problem\+json/);
    }
    expect((await as.request({ method: 'POST', url: '/cases/case-1/commands', headers: { 'content-type': 'application/json; charset=utf-8' }, payload: body })).statusCode).toBe(201);
  });

  it('429 with Retry-After past the rate limit, per token subject; anonymous callers by address', async () => {
    api = await startApi({ config: { rateLimit: { max: 5, windowMs: 60_000 } } });
    const token = await tokenFor(principal('reviewer'));
    const statuses: number[] = [];
    let limited;
    for (let i = 0; i < 7; i++) {
      const response = await api.app.inject({ method: 'GET', url: '/areas', headers: { authorization: `Bearer ${token}` } });
      statuses.push(response.statusCode);
      if (response.statusCode === 429) limited = response;
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    expect(Number(limited!.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(limited!.json()).toMatchObject({ code: 'rate-limited', status: 429 });
    const anonymous = [];
    for (let i = 0; i < 6; i++) anonymous.push((await api.app.inject({ method: 'GET', url: '/areas', remoteAddress: '10.0.0.9' })).statusCode);
    expect(anonymous).toEqual([401, 401, 401, 401, 401, 429]);
    // Health probes are never limited.
    expect((await api.app.inject({ method: 'GET', url: '/health/live', remoteAddress: '10.0.0.9' })).statusCode).toBe(200);
  });
});
