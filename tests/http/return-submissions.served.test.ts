import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/projections/revisions/canonical-json.js';
import { refer, rso } from '../domain/case/support/builders.js';
import { makeTempDir } from '../support/temp-dir.js';
import { answered, bearer, serveOn } from './support/served.js';

/**
 * The server as `npm start` runs it (SQLite store): submissions are folded, and revisions
 * answered, by the thread that folds `knownAt` returns, not on the event loop. The submission is
 * reproduced by `knownAt` (docs/CHECKS.md K3) and a later record revises it.
 */
describe('submitted returns on the served engine (the knownAt worker)', () => {
  const dir = makeTempDir('submissions-served');
  let served: Awaited<ReturnType<typeof serveOn>>;
  const analyst = { sub: 'ann', role: 'analyst', agency: 'other', areas: ['cumbria'] } as const;
  const coordinator = { sub: 'colin', role: 'coordinator', agency: 'probation', areas: ['cumbria'] } as const;
  const call = async (who: typeof analyst | typeof coordinator, path: string, init: RequestInit = {}) =>
    answered(`${served.base}${path}`, { ...init, headers: { authorization: await bearer(who), ...(init.body !== undefined && { 'content-type': 'application/json' }), ...(init.headers as Record<string, string> | undefined) } }, 20_000);
  const command = (caseId: string, body: unknown) => call(coordinator, `/cases/${caseId}/commands`, { method: 'POST', body: JSON.stringify(body) });

  beforeAll(async () => {
    served = await serveOn(dir.path);
  });
  afterAll(async () => {
    await served.server.stop(0);
    dir.remove();
  });

  it('reproduces the submission by knownAt, and gives the revisions of a referral recorded after it', async () => {
    expect((await command('s-1', refer({ occurredOn: '2008-05-01', basis: rso({ relevantDate: '2008-04-10' }) }))).status).toBe(201);
    const submitted = await call(analyst, '/returns/2008-09/submissions', { method: 'POST', body: JSON.stringify({ area: 'cumbria' }) });
    expect(submitted.status).toBe(201);
    const { knownAt, digest, submissionId } = submitted.body as { knownAt: string; digest: string; submissionId: string };
    expect((await command('s-2', refer({ occurredOn: '2009-01-10', basis: rso({ relevantDate: '2009-01-02' }) }))).status).toBe(201);

    const then = await call(analyst, `/returns/2008-09?area=cumbria&knownAt=${encodeURIComponent(knownAt)}`);
    expect(createHash('sha256').update(canonicalJson(then.body['rows'])).digest('hex')).toBe(digest);

    const revisions = await call(analyst, '/returns/2008-09/revisions?area=cumbria');
    expect(revisions.status).toBe(200);
    expect(revisions.body['submission']).toEqual({ submissionId, knownAt, digest });
    const changes = revisions.body['changes'] as { rowId: string; cell: string; submitted: number; current: number; causes: { lateRecords: number } }[];
    expect(changes.map((c) => [c.rowId, c.cell, c.submitted, c.current, c.causes.lateRecords])).toEqual([
      ['R01', 'cat1', 1, 2, 1], ['R01', 'total', 1, 2, 1], ['R08', 'North BCU', 1, 2, 1],
    ]);
  });
});
