import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACCESS_STREAM_PREFIX } from '../../src/infrastructure/access-log/records.js';
import { refer } from '../domain/case/support/builders.js';
import { allEvents, principal, startApi, type TestApi } from './support/api.js';

/** docs/CHECKS.md G1: N reads of case data produce exactly N access records, each complete. */
describe('G1: N reads of case data, N access records', () => {
  let api: TestApi;
  beforeEach(async () => {
    api = await startApi();
    await api.as(principal('coordinator')).command('case-1', refer());
    await api.as(principal('coordinator')).command('case-2', refer());
  });
  afterEach(() => api.close());

  const accessRecords = async () => (await allEvents(api.store)).filter((e) => e.streamName.startsWith(ACCESS_STREAM_PREFIX));

  it('records who, when, what, why and the request id of each read, before answering', async () => {
    const reviewer = api.as(principal('reviewer', { sub: 'rev-g1', agency: 'probation' }));
    const reads = [
      { url: '/cases/case-1', purpose: 'MAPP meeting preparation', resource: 'case', caseIds: ['case-1'], query: {} },
      { url: '/cases/case-2?asOf=2009-01-01', purpose: undefined, resource: 'case', caseIds: ['case-2'], query: { asOf: '2009-01-01' } },
      { url: '/cases/case-1/events?from=0&limit=5', purpose: 'audit of history', resource: 'case-events', caseIds: ['case-1'], query: { from: '0', limit: '5' } },
      { url: '/cases/case-2/events', purpose: undefined, resource: 'case-events', caseIds: ['case-2'], query: { from: '0', limit: '100' } },
      { url: '/cases/case-1?knownAt=2030-01-01T00:00:00Z', purpose: 'x', resource: 'case', caseIds: ['case-1'], query: { knownAt: '2030-01-01T00:00:00Z' } },
    ];
    const requestIds: string[] = [];
    for (const [index, read] of reads.entries()) {
      api.clock.set(`2026-11-24T1${index}:00:00.000Z`);
      const response = await reviewer.get(read.url, read.purpose === undefined ? {} : { 'x-purpose': read.purpose });
      expect(response.statusCode).toBe(200);
      requestIds.push(String(response.headers['x-request-id']));
    }
    // Reads that return no case data (absent case, refused role) are not consultations.
    expect((await reviewer.get('/cases/nope')).statusCode).toBe(404);
    expect((await api.as(principal('analyst')).get('/cases/case-1')).statusCode).toBe(403);

    const records = await accessRecords();
    expect(records).toHaveLength(reads.length);
    records.forEach((record, index) => {
      const read = reads[index]!;
      expect(record.type).toBe('CaseDataRead');
      expect(record.data).toEqual({
        at: `2026-11-24T1${index}:00:00.000Z`,
        actor: { id: 'rev-g1', role: 'reviewer', agency: 'probation' },
        channel: 'http',
        resource: read.resource,
        caseIds: read.caseIds,
        query: read.query,
        ...(read.purpose !== undefined && { purpose: read.purpose }),
        requestId: requestIds[index],
      });
      // The writer's own stream for that UTC day (appended at exact versions: a record is stored once).
      expect(record.streamName).toMatch(/^mappa-access-2026-11-24-[0-9a-f]{12}$/);
    });
  });

  it('N = 40 concurrent reads: exactly 40 records, one per request id', async () => {
    const reviewer = api.as(principal('reviewer'));
    const responses = await Promise.all(Array.from({ length: 40 }, (_, i) => reviewer.get(`/cases/case-${(i % 2) + 1}`)));
    expect(responses.every((r) => r.statusCode === 200)).toBe(true);
    const records = await accessRecords();
    expect(records).toHaveLength(40);
    expect(new Set(records.map((r) => r.data['requestId']))).toEqual(new Set(responses.map((r) => r.headers['x-request-id'])));
  });

  it('a purpose with control characters is refused before anything is read or recorded', async () => {
    const response = await api.as(principal('reviewer')).get('/cases/case-1', { 'x-purpose': 'a\u0007b' });
    expect(response.statusCode).toBe(400);
    expect(await accessRecords()).toHaveLength(0);
  });
});
