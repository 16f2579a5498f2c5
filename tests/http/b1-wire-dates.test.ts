import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refer } from '../domain/case/support/builders.js';
import { isProblem, json, principal, startApi, type TestApi } from './support/api.js';

/** docs/CHECKS.md B1: every date of the wire format, query parameters included, is within 1900-2200; refused with 400 naming it. */
describe('B1: dates in query strings and paths are bounded', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi();
    await api.as(principal('coordinator')).command('case-1', refer());
  });
  afterAll(() => api.close());

  const cases: [string, Parameters<typeof principal>[0], string, string][] = [
    ['asOf beyond 2200', 'reviewer', '/cases/case-1?asOf=2201-01-01', 'asOf'],
    ['knownAt in 9999', 'reviewer', '/cases/case-1?knownAt=9999-12-31T00:00:00Z', 'knownAt'],
    ['a reporting year beyond 2199-00', 'analyst', '/returns/2200-01?area=cumbria', 'reportingYear'],
    ['a return known at year 1', 'analyst', '/returns/2008-09?area=cumbria&knownAt=0001-01-01T00:00:00Z', 'knownAt'],
    ['audit from before 1900', 'auditor', '/audit?from=1899-12-31', 'from'],
    ['audit to in 9999', 'auditor', '/audit?to=9999-12-31T23:59:59Z', 'to'],
  ];

  it.each(cases)('%s: 400 naming the field', async (_, role, url, field) => {
    const response = await api.as(principal(role, { areas: role === 'auditor' ? '*' : ['cumbria'] })).get(url);
    expect(response.statusCode).toBe(400);
    expect(isProblem(response)).toBe(true);
    expect((json(response)['errors'] as { path: string }[]).map((e) => e.path)).toContain(field);
  });

  it('a population for a reporting year beyond 2199-00: 400 naming reportingYear, nothing recorded', async () => {
    const response = await api.as(principal('admin')).request({ method: 'PUT', url: '/areas/cumbria/population/2200-01', payload: { population: 5, basis: 'all-ages', source: 'x' } });
    expect(response.statusCode).toBe(400);
    expect((json(response)['errors'] as { path: string }[]).map((e) => e.path)).toEqual(['reportingYear']);
  });
});
