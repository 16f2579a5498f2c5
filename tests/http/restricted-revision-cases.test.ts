import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FOLLOWED_PREFIXES } from '../../src/infrastructure/read-models/project-case.js';
import { refer, rso } from '../domain/case/support/builders.js';
import { json, principal, startApi, type TestApi } from './support/api.js';

type Change = { rowId: string; cell: string; caseIds?: string[] };

/** docs/DOMAIN.md section 13: a restricted case is not named among the cases behind revised figures, but for auditors; the figures stay. */
describe('restriction and the cases behind revised figures', () => {
  let api: TestApi;
  const coordinator = principal('coordinator');
  beforeAll(async () => {
    api = await startApi({ now: '2009-05-01T10:00:00.000Z' });
    expect((await api.as(coordinator).command('c-1', refer({ occurredOn: '2006-05-01', basis: rso({ relevantDate: '2006-04-10' }) }))).statusCode).toBe(201);
    api.clock.set('2009-06-01T10:00:00.000Z');
    const submitted = await api.as(principal('analyst')).request({ method: 'POST', url: '/returns/2008-09/submissions', payload: JSON.stringify({ area: 'cumbria' }), headers: { 'content-type': 'application/json' } });
    expect(submitted.statusCode).toBe(201);
    api.clock.set('2009-07-01T10:00:00.000Z');
    for (const caseId of ['late-open', 'late-restricted']) {
      expect((await api.as(coordinator).command(caseId, refer({ occurredOn: '2009-01-10', basis: rso({ relevantDate: '2009-01-02' }) }))).statusCode).toBe(201);
    }
    expect((await api.as(principal('data-protection')).command('late-restricted', { type: 'RecordRetentionReview', outcome: 'restrict', reason: 'accuracy disputed' })).statusCode).toBe(201);
    let last = 0n;
    for await (const e of api.store.readAll({ streamPrefixes: FOLLOWED_PREFIXES })) last = e.globalPosition;
    await api.projections.caughtUpTo(last);
  });
  afterAll(() => api.close());

  const casesBehind = async (who: ReturnType<typeof principal>) => {
    const response = await api.as(who).get('/returns/2008-09/revisions?area=cumbria&detail=cases');
    expect(response.statusCode).toBe(200);
    return (json(response)['changes'] as Change[]).find((c) => c.rowId === 'R01' && c.cell === 'cat1');
  };

  it('a reviewer sees the revised figure without the restricted case; an auditor sees both cases', async () => {
    expect(await casesBehind(principal('reviewer'))).toMatchObject({ caseIds: ['late-open'] });
    expect(await casesBehind(principal('auditor', { areas: '*' }))).toMatchObject({ caseIds: ['late-open', 'late-restricted'] });
    const figures = json(await api.as(principal('analyst')).get('/returns/2008-09/revisions?area=cumbria'))['changes'] as (Change & { current: number })[];
    expect(figures.find((c) => c.rowId === 'R01' && c.cell === 'cat1')?.current).toBe(3);
  });
});
