import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mintToken } from '../../src/infrastructure/auth/mint-token.js';
import { SAFE_TEXT_RULE } from '../../src/domain/shared/safe-text.js';
import { cmd, refer, rso, violent } from '../domain/case/support/builders.js';
import { streams } from '../../src/infrastructure/eventstore/stream-names.js';
import { allEvents, isProblem, json, principal, startApi, TEST_AUDIENCE, TEST_ISSUER, TEST_SECRET, type TestApi } from './support/api.js';

/** Free text reaches other people (analysts' R08 cells, auditors): refused with 400 naming the field, nothing written. */
describe('free text and dates the case refuses, over HTTP', () => {
  let api: TestApi;
  beforeEach(async () => {
    api = await startApi();
  });
  afterEach(() => api.close());

  const refusedNaming = async (response: Awaited<ReturnType<TestApi['anonymous']['get']>>, path: string) => {
    expect(response.statusCode).toBe(400);
    expect(isProblem(response)).toBe(true);
    expect(json(response)['errors']).toEqual([expect.objectContaining({ path })]);
  };

  it('free text: a localUnit with a bidi override or a lone surrogate is refused naming localUnit; nothing is written', async () => {
    const before = (await allEvents(api.store)).length;
    const coordinator = api.as(principal('coordinator'));
    await refusedNaming(await coordinator.command('bidi-1', refer({ localUnit: 'North\u202eUCB htuoS' })), 'localUnit');
    await refusedNaming(await coordinator.request({ method: 'POST', url: '/cases/bidi-2/commands', headers: { 'content-type': 'application/json' }, payload: '{"type":"ReferOffender","occurredOn":"2008-05-01","area":"cumbria","localUnit":"A\\ud800B","leadAgency":"police","subject":{"ref":"S","dateOfBirth":"1970-01-01"},"basis":{"kind":"other-dangerous-offender","basisId":"b","startDate":"2008-01-01"},"level":2}' }), 'localUnit');
    expect((await coordinator.command('ok-1', refer())).statusCode).toBe(201);
    await refusedNaming(await coordinator.command('ok-1', cmd('ChangeLocalUnit', '2009-01-01', { localUnit: 'West\u2066BCU\u2069' })), 'localUnit');
    expect((await allEvents(api.store)).length).toBe(before + 1);
  });

  it('free text: a population source with CR/LF is refused naming source', async () => {
    const admin = api.as(principal('admin'));
    const response = await admin.request({ method: 'PUT', url: '/areas/cumbria/population/2008-09', payload: { population: 491_500, basis: 'all-ages', source: 'ONS mid-2008\r\nInjected: line' } });
    await refusedNaming(response, 'source');
    expect((await admin.request({ method: 'PUT', url: '/areas/cumbria/population/2008-09', payload: { population: 491_500, basis: 'all-ages', source: 'ONS mid-2008' } })).statusCode).toBe(201);
  });

  it('free text: X-Purpose with a bidi override is refused before anything is read; a token subject with one is not accepted', async () => {
    await api.as(principal('coordinator')).command('case-1', refer());
    const response = await api.as(principal('reviewer')).get('/cases/case-1', { 'x-purpose': 'review \u202egnp.exe' });
    expect(response.statusCode).toBe(400);
    expect(String(json(response)['detail'])).toContain(SAFE_TEXT_RULE);
    const token = await mintToken({ ...principal('reviewer'), sub: 'rita\u202e' }, { secret: TEST_SECRET, issuer: TEST_ISSUER, audience: TEST_AUDIENCE });
    expect((await api.anonymous.get('/cases/case-1', { authorization: `Bearer ${token}` })).statusCode).toBe(401);
  });

  it('basis before birth: AddEligibilityBasis and ReopenCase are refused with 400 naming the basis start; nothing is written', async () => {
    const coordinator = api.as(principal('coordinator'));
    expect((await coordinator.command('case-1', refer())).statusCode).toBe(201);
    // Case events only: a refusal that tells of the case is recorded in the access log.
    const caseEvents = async () => (await allEvents(api.store)).filter((e) => e.streamName === streams.case('case-1')).length;
    const before = await caseEvents();
    await refusedNaming(await coordinator.command('case-1', cmd('AddEligibilityBasis', '2009-01-01', { basis: rso({ basisId: 'rso-2', relevantDate: '1960-01-01' }) })), 'basis.relevantDate');
    expect((await coordinator.command('case-1', cmd('CloseCase', '2009-02-01', { reason: 'other' }))).statusCode).toBe(201);
    await refusedNaming(await coordinator.command('case-1', cmd('ReopenCase', '2009-03-01', { basis: violent({ basisId: 'v-2', startDate: '1950-06-01' }) })), 'basis.startDate');
    expect(await caseEvents()).toBe(before + 1);
  });

  it('poison event: a basis ending in 9999 is refused with 400 naming basis.notificationEnds; nothing is written', async () => {
    const response = await api.as(principal('coordinator')).command('poison', refer({ basis: rso({ notificationEnds: '9999-06-01' }) }));
    expect(response.statusCode).toBe(400);
    expect(json(response)['errors']).toEqual([{ path: 'basis.notificationEnds', message: 'must be a date from 1900-01-01 to 2200-12-31' }]);
    expect(await allEvents(api.store)).toEqual([]);
  });
});
