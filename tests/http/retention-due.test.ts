import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FOLLOWED_PREFIXES } from '../../src/infrastructure/read-models/project-case.js';
import { refer } from '../domain/case/support/builders.js';
import { json, principal, startApi, type TestApi } from './support/api.js';

const coordinator = principal('coordinator', { areas: ['cumbria', 'lancashire'] });
const reviewer = principal('reviewer', { areas: ['cumbria'] });
const officer = principal('data-protection', { sub: 'dpo-1', areas: ['cumbria'] });
const auditor = principal('auditor', { areas: '*' });

/** The test clock's today is 2026-11-24: a case closed on or before 2016-11-24 is due for its first review. */
describe('GET /retention/due and restricted cases in listings (docs/DOMAIN.md section 13)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi();
    const close = (occurredOn: string) => ({ type: 'CloseCase', occurredOn, reason: 'no-longer-eligible' });
    for (const [caseId, closedOn] of [['closed-2015', '2015-06-30'], ['closed-2016-late', '2016-11-25'], ['closed-2010', '2010-01-10'], ['retained', '2012-01-10'], ['erased', '2011-01-10']] as const) {
      expect((await api.as(coordinator).command(caseId, refer())).statusCode).toBe(201);
      expect((await api.as(coordinator).command(caseId, close(closedOn))).statusCode).toBe(201);
    }
    for (const caseId of ['open-1', 'open-restricted']) expect((await api.as(coordinator).command(caseId, refer())).statusCode).toBe(201);
    expect((await api.as(coordinator).command('elsewhere', refer({ area: 'lancashire' }))).statusCode).toBe(201);
    expect((await api.as(coordinator).command('elsewhere', close('2010-01-10'))).statusCode).toBe(201);
    const review = (outcome: string, extra: Record<string, string> = {}) => ({ type: 'RecordRetentionReview', outcome, reason: 'reviewed', ...extra });
    expect((await api.as(officer).command('retained', review('retain', { nextReviewDue: '2026-12-01' }))).statusCode).toBe(201);
    expect((await api.as(officer).command('erased', { type: 'EraseSubjectData', reason: 'court order' })).statusCode).toBe(201);
    expect((await api.as(officer).command('open-restricted', review('restrict'))).statusCode).toBe(201);
    let last = 0n;
    for await (const e of api.store.readAll({ streamPrefixes: FOLLOWED_PREFIXES })) last = e.globalPosition;
    await api.projections.caughtUpTo(last);
  });
  afterAll(() => api.close());

  it('lists closed cases past closure plus ten years and retained cases past their next review, in the area', async () => {
    const due = await api.as(officer).get('/retention/due?area=cumbria');
    expect(due.statusCode).toBe(200);
    expect(json(due)).toEqual({
      on: '2026-11-24',
      cases: [
        { caseId: 'closed-2010', area: 'cumbria', closedOn: '2010-01-10', dueOn: '2020-01-10', review: 'first', lastReview: null, restricted: false },
        { caseId: 'closed-2015', area: 'cumbria', closedOn: '2015-06-30', dueOn: '2025-06-30', review: 'first', lastReview: null, restricted: false },
      ],
    });
    const later = json(await api.as(officer).get('/retention/due?area=cumbria&on=2026-12-01'))['cases'] as { caseId: string; review: string }[];
    expect(later.map((c) => [c.caseId, c.review])).toEqual([['closed-2010', 'first'], ['closed-2015', 'first'], ['closed-2016-late', 'first'], ['retained', 'next']]);
  });

  it('auditors may list it; outside the token an area is 403; a bad date is 400 naming on', async () => {
    expect((await api.as(auditor).get('/retention/due?area=lancashire')).statusCode).toBe(200);
    expect((json(await api.as(auditor).get('/retention/due?area=lancashire'))['cases'] as { caseId: string }[]).map((c) => c.caseId)).toEqual(['elsewhere']);
    expect((await api.as(officer).get('/retention/due?area=lancashire')).statusCode).toBe(403);
    const bad = await api.as(officer).get('/retention/due?on=2026-02-30');
    expect(bad.statusCode).toBe(400);
    expect(json(bad)['errors']).toEqual([expect.objectContaining({ path: 'on' })]);
    expect((await api.as(reviewer).get('/retention/due')).statusCode).toBe(403);
  });

  it('the caseload counts a restricted case but does not list it', async () => {
    const caseload = json(await api.as(reviewer).get('/caseload?area=cumbria'));
    expect((caseload['cases'] as { caseId: string }[]).map((c) => c.caseId)).toEqual(['open-1']);
    expect((caseload['counts'] as { total: number }).total).toBe(2);
  });
});
