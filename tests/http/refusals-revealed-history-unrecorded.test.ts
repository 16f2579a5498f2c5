import type { LightMyRequestResponse } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { ACCESS_STREAM_PREFIX } from '../../src/infrastructure/access-log/records.js';
import { refer } from '../domain/case/support/builders.js';
import { allEvents, principal, startApi, type TestApi } from './support/api.js';

const accessRecords = async (api: TestApi) => (await allEvents(api.store)).filter((e) => e.streamName.startsWith(ACCESS_STREAM_PREFIX));

const PER_RESPONSE = new Set(['x-request-id', 'date', 'x-ratelimit-remaining', 'x-ratelimit-reset']);
const comparable = (response: LightMyRequestResponse) => ({
  status: response.statusCode,
  body: response.body,
  headers: Object.fromEntries(Object.entries(response.headers).filter(([name]) => !PER_RESPONSE.has(name))),
});

/**
 * The defect: a refused command told a coordinator (who has no `case:history`) of the case's
 * past (a `laterFact`, custody on a past date, the version) and left no access record; and a
 * reviewer's `asOf` before the referral answered a 404 worded unlike an absent case's. An answer
 * that tells of the case's state without writing is now a read, recorded before it is sent.
 */
describe('refusals revealed a case\'s history and were not access-logged', () => {
  let api: TestApi | undefined;
  afterEach(() => api?.close());

  async function caseWithCustodyHistory(options: Parameters<typeof startApi>[0] = {}) {
    api = await startApi(options);
    const coordinator = api.as(principal('coordinator', { sub: 'coord-r', agency: 'probation' }));
    await coordinator.command('case-1', refer());
    await coordinator.command('case-1', { type: 'RecordCustody', occurredOn: '2009-01-01', reason: 'sentence' });
    await coordinator.command('case-1', { type: 'RecordRelease', occurredOn: '2009-02-01' });
    return { api, coordinator };
  }

  it('each answer that tells of the case is recorded as a read of it, with what was asked; the others are not', async () => {
    const { api: started, coordinator } = await caseWithCustodyHistory();
    const disclosing: { body: { type: string; occurredOn: string; [field: string]: unknown }; headers: Record<string, string>; status: number }[] = [
      // A later fact, by type, date and position.
      { body: { type: 'RecordCustody', occurredOn: '2008-12-01', reason: 'remand' }, headers: {}, status: 422 },
      // Custody on a past date.
      { body: { type: 'RecordRelease', occurredOn: '2008-08-01' }, headers: {}, status: 422 },
      // The version.
      { body: { type: 'ChangeLocalUnit', occurredOn: '2009-03-01', localUnit: 'X' }, headers: { 'if-match': '"0"' }, status: 412 },
      // The level on a past date: nothing to change.
      { body: { type: 'SetManagementLevel', occurredOn: '2008-06-01', level: 1 }, headers: {}, status: 200 },
    ];
    const requestIds: string[] = [];
    for (const { body, headers, status } of disclosing) {
      const response = await coordinator.command('case-1', body, headers);
      expect({ body, status: response.statusCode }).toEqual({ body, status });
      requestIds.push(String(response.headers['x-request-id']));
    }
    const silent = [
      () => coordinator.command('absent', { type: 'RecordRelease', occurredOn: '2009-01-01' }),
      () => coordinator.command('case-1', refer()),
      () => coordinator.command('case-1', { type: 'RecordRelease', occurredOn: '2031-01-01' }),
      () => coordinator.command('case-1', { type: 'ChangeLocalUnit', occurredOn: '2009-03-01', localUnit: 'Y' }),
    ];
    for (const send of silent) expect([404, 422, 201]).toContain((await send()).statusCode);

    const records = await accessRecords(started);
    expect(records.map((r) => r.data)).toEqual(
      disclosing.map(({ body }, i) => ({
        at: '2026-11-24T10:00:00.000Z',
        actor: { id: 'coord-r', role: 'coordinator', agency: 'probation' },
        channel: 'http',
        resource: 'command-outcome',
        caseIds: ['case-1'],
        query: { type: body.type, occurredOn: body.occurredOn },
        requestId: requestIds[i],
      })),
    );
  });

  it('when the record cannot be written the refusal is not told: 503, nothing of the case', async () => {
    const { coordinator } = await caseWithCustodyHistory({ accessLog: { record: () => Promise.reject(new Error('disk full')) } });
    const response = await coordinator.command('case-1', { type: 'RecordCustody', occurredOn: '2008-12-01', reason: 'remand' });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({ code: 'access-log-unavailable' });
    for (const fragment of ['already-in-custody', 'laterFact', 'TakenIntoCustody', '2009-01-01']) expect(response.body).not.toContain(fragment);
  });

  it('a reviewer\'s asOf or knownAt before the case existed answers exactly as an absent case, and is not recorded', async () => {
    const { api: started } = await caseWithCustodyHistory();
    const reviewer = started.as(principal('reviewer'));
    for (const query of ['asOf=2008-04-30', 'knownAt=2020-01-01T00:00:00Z', 'asOf=2001-01-01&knownAt=2030-01-01T00:00:00Z']) {
      const before = await reviewer.get(`/cases/case-1?${query}`);
      const absent = await reviewer.get(`/cases/nowhere?${query}`);
      expect(before.statusCode).toBe(404);
      expect(comparable(before)).toEqual(comparable(absent));
    }
    expect(await accessRecords(started)).toHaveLength(0);
  });
});
