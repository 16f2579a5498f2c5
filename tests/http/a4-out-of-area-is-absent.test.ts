import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refer } from '../domain/case/support/builders.js';
import { principal, startApi, type Caller, type TestApi } from './support/api.js';

/** Headers that differ between any two responses, whatever they answer. */
const PER_RESPONSE = new Set(['x-request-id', 'date', 'x-ratelimit-remaining', 'x-ratelimit-reset']);

const comparable = (response: LightMyRequestResponse) => ({
  status: response.statusCode,
  body: response.body,
  headers: Object.fromEntries(Object.entries(response.headers).filter(([name]) => !PER_RESPONSE.has(name))),
});

/** docs/CHECKS.md A4: a case outside the caller's areas answers exactly as a case that does not exist. */
describe('A4: a case outside the caller\'s areas is indistinguishable from an absent one', () => {
  let api: TestApi;
  let reviewer: Caller;
  let coordinator: Caller;
  beforeAll(async () => {
    api = await startApi();
    // A distinctive case in lancashire; the callers cover cumbria only.
    await api.as(principal('coordinator', { areas: ['lancashire'] })).command('elsewhere', refer({ area: 'lancashire', localUnit: 'Preston-UNIQUE-UNIT', subject: { ref: 'LANCS-REF-4471', dateOfBirth: '1966-06-06' } }));
    reviewer = api.as(principal('reviewer', { areas: ['cumbria'] }));
    coordinator = api.as(principal('coordinator', { areas: ['cumbria'] }));
  });
  afterAll(() => api.close());

  const requests: [string, (caller: () => { reviewer: Caller; coordinator: Caller }, caseId: string) => Promise<LightMyRequestResponse>][] = [
    ['GET /cases/{id}', (c, id) => c().reviewer.get(`/cases/${id}`)],
    ['GET /cases/{id}?asOf&knownAt', (c, id) => c().reviewer.get(`/cases/${id}?asOf=2009-01-01&knownAt=2030-01-01T00:00:00Z`)],
    ['GET /cases/{id}/events', (c, id) => c().reviewer.get(`/cases/${id}/events?limit=1`)],
    ['a command', (c, id) => c().coordinator.command(id, { type: 'ChangeLocalUnit', occurredOn: '2009-01-01', localUnit: 'X' })],
    ['a command with If-Match', (c, id) => c().coordinator.command(id, { type: 'CloseCase', occurredOn: '2009-01-01', reason: 'other' }, { 'if-match': '"0"' })],
    ['a transfer', (c, id) => c().coordinator.command(id, { type: 'TransferCase', occurredOn: '2009-01-01', toArea: 'cumbria' })],
  ];

  it.each(requests)('%s: same status, headers and bytes as for a case that does not exist', async (_name, send) => {
    const callers = () => ({ reviewer, coordinator });
    const outside = await send(callers, 'elsewhere');
    const absent = await send(callers, 'nowhere00');
    expect(outside.statusCode).toBe(404);
    expect(comparable(outside)).toEqual(comparable(absent));
    for (const fragment of ['lancashire', 'LANCS-REF-4471', 'Preston-UNIQUE-UNIT', '1966-06-06', 'elsewhere']) expect(outside.body).not.toContain(fragment);
  });

  it('and nothing was written to it', async () => {
    expect(await api.store.streamVersion('mappa-case-elsewhere')).toBe(0);
  });
});
