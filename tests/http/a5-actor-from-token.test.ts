import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { streams } from '../../src/infrastructure/eventstore/stream-names.js';
import { refer } from '../domain/case/support/builders.js';
import { allEvents, principal, startApi, type TestApi } from './support/api.js';

/** docs/CHECKS.md A5: the actor stored on events is always the token's, whatever the request says. */
describe('A5: the actor on events is the token\'s', () => {
  let api: TestApi;
  beforeEach(async () => {
    api = await startApi();
  });
  afterEach(() => api.close());

  const token = principal('coordinator', { sub: 'jo.bloggs', agency: 'probation' });

  it('a body naming an actor is refused by the strict schema, naming the field; nothing written', async () => {
    const response = await api.as(token).command('case-1', { ...refer(), actor: { id: 'someone-else', role: 'admin', agency: 'police' } });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'invalid-request', errors: [{ path: 'actor', message: 'is not a known field' }] });
    expect(await allEvents(api.store)).toHaveLength(0);
  });

  it('the stored actor is the token subject, role and agency, whatever the headers claim', async () => {
    const response = await api.as(token).command('case-1', refer(), { 'x-actor': 'someone-else', 'x-user': 'admin', from: 'someone-else' });
    expect(response.statusCode).toBe(201);
    const [stored] = await api.store.readStream(streams.case('case-1'));
    expect(stored!.metadata['actor']).toEqual({ id: 'jo.bloggs', role: 'coordinator', agency: 'probation' });
  });

  it('and so is the actor of the access record of a read', async () => {
    await api.as(token).command('case-1', refer());
    await api.as(principal('reviewer', { sub: 'rev-7', agency: 'health' })).get('/cases/case-1', { 'x-actor': 'someone-else' });
    const records = (await allEvents(api.store)).filter((e) => e.type === 'CaseDataRead');
    expect(records.map((r) => r.data['actor'])).toEqual([{ id: 'rev-7', role: 'reviewer', agency: 'health' }]);
  });
});
