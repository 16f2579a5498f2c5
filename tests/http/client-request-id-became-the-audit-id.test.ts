import { afterEach, describe, expect, it } from 'vitest';
import { ACCESS_STREAM_PREFIX } from '../../src/infrastructure/access-log/records.js';
import { streams } from '../../src/infrastructure/eventstore/stream-names.js';
import { refer } from '../domain/case/support/builders.js';
import { allEvents, principal, startApi, type TestApi } from './support/api.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The defect: the client's X-Request-Id became the stored request id and correlation id, so a
 * user could reuse another's id and blur the audit trail. The server's own id is now the request
 * id everywhere (the response header, access records, event metadata); a client's is kept apart
 * as `clientRequestId`.
 */
describe('a client\'s X-Request-Id became the id of its request in the audit trail', () => {
  let api: TestApi | undefined;
  afterEach(() => api?.close());

  const accessRecords = async (started: TestApi) => (await allEvents(started.store)).filter((e) => e.streamName.startsWith(ACCESS_STREAM_PREFIX));

  it('reusing another request\'s id gets a request id of the server\'s own; the one sent is kept apart', async () => {
    api = await startApi();
    await api.as(principal('coordinator')).command('case-1', refer());
    const first = await api.as(principal('reviewer', { sub: 'rita' })).get('/cases/case-1');
    const firstId = String(first.headers['x-request-id']);
    expect(firstId).toMatch(UUID);

    const reused = await api.as(principal('reviewer', { sub: 'mallory' })).get('/cases/case-1', { 'x-request-id': firstId });
    expect(reused.statusCode).toBe(200);
    const reusedId = String(reused.headers['x-request-id']);
    expect(reusedId).toMatch(UUID);
    expect(reusedId).not.toBe(firstId);

    const records = (await accessRecords(api)).map((r) => r.data);
    expect(records).toEqual([
      expect.objectContaining({ actor: expect.objectContaining({ id: 'rita' }), requestId: firstId }),
      expect.objectContaining({ actor: expect.objectContaining({ id: 'mallory' }), requestId: reusedId, clientRequestId: firstId }),
    ]);
    expect(records[0]).not.toHaveProperty('clientRequestId');
    expect(new Set(records.map((r) => r['requestId'])).size).toBe(records.length);
  });

  it('events carry the server\'s id as correlation id and the client\'s as clientRequestId, shown in the history', async () => {
    api = await startApi();
    const created = await api.as(principal('coordinator')).command('case-1', refer(), { 'x-request-id': 'gateway-trace-7' });
    const requestId = String(created.headers['x-request-id']);
    const [stored] = await api.store.readStream(streams.case('case-1'));
    expect(stored!.metadata).toMatchObject({ correlationId: requestId, clientRequestId: 'gateway-trace-7' });
    const history = await api.as(principal('reviewer')).get('/cases/case-1/events');
    expect((history.json() as { events: unknown[] }).events[0]).toMatchObject({ correlationId: requestId, clientRequestId: 'gateway-trace-7' });

    const recorded = await api.as(principal('admin')).request({
      method: 'PUT', url: '/areas/cumbria/population/2008-09', headers: { 'content-type': 'application/json', 'x-request-id': 'gateway-trace-8' },
      payload: JSON.stringify({ population: 491_500, basis: 'all-ages', source: 'ONS' }),
    });
    expect(recorded.statusCode).toBe(201);
    const [population] = await api.store.readStream(streams.area('cumbria'));
    expect(population!.metadata).toMatchObject({ correlationId: String(recorded.headers['x-request-id']), clientRequestId: 'gateway-trace-8' });
  });

  it('an id that is not a plain token is not kept at all; reading the log keeps the client\'s id too', async () => {
    api = await startApi();
    await api.as(principal('coordinator')).command('case-1', refer(), { 'x-request-id': 'has spaces in it' });
    const [stored] = await api.store.readStream(streams.case('case-1'));
    expect(stored!.metadata).not.toHaveProperty('clientRequestId');
    const audit = await api.as(principal('auditor')).get('/audit', { 'x-request-id': 'audit-run-1' });
    expect(audit.statusCode).toBe(200);
    const [record] = (await accessRecords(api)).map((r) => r.data);
    expect(record).toMatchObject({ requestId: String(audit.headers['x-request-id']), clientRequestId: 'audit-run-1' });
  });
});
