import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submissionRequest } from '../../src/domain/returns/events.js';
import { canonicalJson } from '../../src/projections/revisions/canonical-json.js';
import { refer, rso, violent } from '../domain/case/support/builders.js';
import { malformedFrom, namesField } from './support/malformed.js';
import { allEvents, isProblem, json, principal, startApi, type TestApi } from './support/api.js';

type Ref = { submissionId: string; knownAt: string; digest: string };
type Change = { rowId: string; cell: string; submitted: number | null; current: number | null; causes: Record<string, number>; caseIds?: string[] };
type Revisions = { submission: Ref; changes: Change[]; scale: { cellsChanged: number; absoluteDifference: number }; causes: Record<string, number> };

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const SUBMITTED_AT = '2009-06-01T10:00:00.000Z';

/**
 * docs/DOMAIN.md section 11 over HTTP: an analyst submits Cumbria's 2008-09 return; records made
 * after it (a late referral, a late breach, a backdated custody, a change dated after the year)
 * revise some figures, each with its cause; the submission is reproduced by `knownAt`.
 */
describe('submitted returns and their revisions', () => {
  let api: TestApi;
  let submitted: Ref;
  const analyst = principal('analyst');
  const coordinator = principal('coordinator');
  const submit = (who = analyst, payload: unknown = { area: 'cumbria', note: 'as sent to the Ministry' }, year = '2008-09') =>
    api.as(who).request({ method: 'POST', url: `/returns/${year}/submissions`, payload: JSON.stringify(payload), headers: { 'content-type': 'application/json' } });
  const written = async () => (await allEvents(api.store)).length;
  const accepted = async (caseId: string, body: unknown) => expect((await api.as(coordinator).command(caseId, body)).statusCode).toBe(201);

  beforeAll(async () => {
    api = await startApi({ now: '2009-05-01T10:00:00.000Z' });
    await accepted('c-1', refer({ occurredOn: '2006-05-01', localUnit: 'North BCU', basis: rso({ relevantDate: '2006-04-10' }) }));
    await accepted('c-2', refer({ occurredOn: '2007-06-01', localUnit: 'North BCU', basis: violent({ startDate: '2007-05-01' }) }));
    await accepted('c-2', { type: 'ChangeLeadAgency', occurredOn: '2009-03-01', leadAgency: 'probation' });
    api.clock.set(SUBMITTED_AT);
    const response = await submit();
    expect(response.statusCode).toBe(201);
    submitted = json(response) as unknown as Ref;
    // After the submission: a referral and a breach made late, a custody backdated before a
    // later fact of its case, and a change dated after the year (it moves no 2008-09 figure).
    api.clock.set('2009-07-01T10:00:00.000Z');
    await accepted('c-3', refer({ occurredOn: '2009-01-10', localUnit: 'West BCU', subject: { ref: 'SUBJ-0003', dateOfBirth: '1975-01-01' }, basis: rso({ relevantDate: '2009-01-02' }) }));
    await accepted('c-1', { type: 'RecordNotificationBreach', occurredOn: '2009-02-01', disposal: 'caution' });
    await accepted('c-2', { type: 'RecordCustody', occurredOn: '2009-01-15', reason: 'remand' });
    await accepted('c-1', { type: 'ChangeLocalUnit', occurredOn: '2009-06-20', localUnit: 'South BCU' });
  });
  afterAll(() => api.close());

  it('POST answers 201 with the submission id, its knownAt (the clock) and the digest, and records ReturnSubmitted in mappa-returns-<area>', async () => {
    expect(submitted.knownAt).toBe(SUBMITTED_AT);
    expect(submitted.digest).toMatch(/^[0-9a-f]{64}$/);
    const stored = (await allEvents(api.store)).filter((e) => e.streamName === 'mappa-returns-cumbria');
    expect(stored.map((e) => [e.type, e.data['submissionId'], e.data['knownAt'], e.data['digest'], e.metadata['schemaVersion']])).toEqual([
      // Version 2: the note is sealed under the area's returns key (docs/DOMAIN.md section 13), and read opened (GET below).
      ['ReturnSubmitted', submitted.submissionId, SUBMITTED_AT, submitted.digest, 2],
    ]);
    expect(stored[0]!.data['cells']).toMatchObject({ R01: { cat1: 1, cat2: 1, cat3: 0, total: 2 }, R10: { count: 0 } });
    expect((stored[0]!.metadata['actor'] as { id: string }).id).toBe('analyst-1');
    expect(stored[0]!.data['note']).toEqual({ sealed: expect.stringMatching(/^a1\./) });
  });

  it('GET /returns/{year}?knownAt=<its knownAt> reproduces the submission: the same digest, though the figures have moved since', async () => {
    const then = json(await api.as(analyst).get(`/returns/2008-09?area=cumbria&knownAt=${submitted.knownAt}`));
    expect(sha256(canonicalJson(then['rows']))).toBe(submitted.digest);
    const now = json(await api.as(analyst).get('/returns/2008-09?area=cumbria'));
    expect(sha256(canonicalJson(now['rows']))).not.toBe(submitted.digest);
  });

  it('GET submissions lists them with their figures', async () => {
    const listed = json(await api.as(analyst).get('/returns/2008-09/submissions?area=cumbria'))['submissions'] as Record<string, unknown>[];
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ ...submitted, area: 'cumbria', reportingYear: '2008-09', format: '2008', note: 'as sent to the Ministry', submittedBy: 'analyst-1' });
    expect(json(await api.as(analyst).get('/returns/2009-10/submissions?area=cumbria'))['submissions']).toEqual([]);
  });

  it('revisions: exactly the figures that moved, each with the count of its causes by kind', async () => {
    const response = await api.as(analyst).get('/returns/2008-09/revisions?area=cumbria');
    expect(response.statusCode).toBe(200);
    const revisions = json(response) as unknown as Revisions;
    expect(revisions.submission).toEqual(submitted);
    const none = { lateRecords: 0, retractions: 0, corrections: 0, backdated: 0 };
    // R01 total stays 2 (one case in, one into custody): not a revision.
    expect(revisions.changes).toEqual([
      { rowId: 'R01', cell: 'cat1', submitted: 1, current: 2, causes: { ...none, lateRecords: 1 } },
      { rowId: 'R01', cell: 'cat2', submitted: 1, current: 0, causes: { ...none, backdated: 1 } },
      { rowId: 'R08', cell: 'West BCU', submitted: null, current: 1, causes: { ...none, lateRecords: 1 } },
      { rowId: 'R10', cell: 'count', submitted: 0, current: 1, causes: { ...none, lateRecords: 1 } },
    ]);
    expect(revisions.scale).toEqual({ cellsChanged: 4, absoluteDifference: 4 });
    expect(revisions.causes).toEqual({ ...none, lateRecords: 2, backdated: 1 });
  });

  it('text/plain: the return now with (R) after each revised figure, and the revisions note', async () => {
    const response = await api.as(analyst).get('/returns/2008-09/revisions?area=cumbria', { accept: 'text/plain' });
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    const lines = response.body.split('\n');
    expect(lines).toContain('Registered Sexual Offenders\t2 (R)');
    expect(lines).toContain('Violent Offenders\t0 (R)');
    expect(lines).toContain('Total\t2');
    expect(lines).toContain('West BCU\t1 (R)');
    expect(response.body).toContain(
      `Revisions: Figures marked (R) are revised since the return submitted at ${SUBMITTED_AT}. 4 figures have changed, by 4 in all. Causes: 2 records made late, 1 backdated record.`,
    );
    expect(response.body.match(/\(R\)/g)).toHaveLength(4 + 1);
  });

  it('reviewers and auditors see the cases behind each revised figure, and that read is access-logged', async () => {
    const reviewer = principal('reviewer');
    const response = await api.as(reviewer).get('/returns/2008-09/revisions?area=cumbria&detail=cases', { 'x-purpose': 'checking the restatement' });
    expect(response.statusCode).toBe(200);
    const changes = (json(response) as unknown as Revisions).changes;
    expect(changes.map((c) => [c.rowId, c.cell, c.caseIds])).toEqual([['R01', 'cat1', ['c-3']], ['R01', 'cat2', ['c-2']], ['R08', 'West BCU', ['c-3']], ['R10', 'count', ['c-1']]]);
    const records = (await allEvents(api.store)).filter((e) => e.streamName.startsWith('mappa-access-') && e.data['resource'] === 'return-revisions');
    expect(records.map((r) => [r.data['caseIds'], (r.data['actor'] as { id: string }).id, r.data['purpose']])).toEqual([[['c-1', 'c-2', 'c-3'], 'reviewer-1', 'checking the restatement']]);
    expect((await api.as(principal('auditor')).get('/returns/2008-09/revisions?area=cumbria&detail=cases')).statusCode).toBe(200);
    // Without detail the case ids are not in the answer; analysts never get them.
    expect((json(await api.as(analyst).get('/returns/2008-09/revisions?area=cumbria')) as unknown as Revisions).changes.some((c) => 'caseIds' in c)).toBe(false);
    expect((await api.as(analyst).get('/returns/2008-09/revisions?area=cumbria&detail=cases')).statusCode).toBe(403);
    expect((await api.as(reviewer).get('/returns/2008-09/revisions?area=cumbria')).statusCode).toBe(403);
    expect((await api.as(principal('reviewer', { areas: ['lancashire'] })).get('/returns/2008-09/revisions?area=cumbria&detail=cases')).statusCode).toBe(404);
  });

  it('an earlier submission is chosen by its id; a return never submitted, or an unknown id, is 404 problem+json', async () => {
    api.clock.set('2009-07-02T10:00:00.000Z');
    const second = json(await submit()) as unknown as Ref;
    expect((json(await api.as(analyst).get('/returns/2008-09/revisions?area=cumbria')) as unknown as Revisions).changes).toEqual([]);
    const first = json(await api.as(analyst).get(`/returns/2008-09/revisions?area=cumbria&submissionId=${submitted.submissionId}`)) as unknown as Revisions;
    expect(first.scale.cellsChanged).toBe(4);
    expect(second.submissionId).not.toBe(submitted.submissionId);
    for (const url of ['/returns/2007-08/revisions?area=cumbria', `/returns/2008-09/revisions?area=cumbria&submissionId=${crypto.randomUUID()}`]) {
      const missing = await api.as(analyst).get(url);
      expect([missing.statusCode, isProblem(missing), json(missing)['code']]).toEqual([404, true, 'not-found']);
    }
  });

  it('roles and areas: only analysts submit, an area outside the token is 404 as absent, and a refused request writes nothing', async () => {
    const before = await written();
    for (const who of [coordinator, principal('reviewer'), principal('auditor'), principal('admin')]) expect((await submit(who)).statusCode).toBe(403);
    const lancashireOnly = principal('analyst', { sub: 'analyst-2', areas: ['lancashire'] });
    const outside = await submit(lancashireOnly);
    expect([outside.statusCode, isProblem(outside)]).toEqual([404, true]);
    expect(outside.body).not.toContain('cumbria');
    expect((await api.as(lancashireOnly).get('/returns/2008-09/submissions?area=cumbria')).statusCode).toBe(404);
    expect((await api.as(lancashireOnly).get('/returns/2008-09/revisions?area=cumbria')).statusCode).toBe(404);
    expect(await written()).toBe(before);
  });

  it('bad input is 400 problem+json naming the field, and writes nothing', async () => {
    const before = await written();
    const cases: [unknown, string][] = [
      [{}, 'area'], [{ area: 'atlantis' }, 'area'], [{ area: 'cumbria', format: '2012' }, 'format'],
      [{ area: 'cumbria', note: 'two\nlines' }, 'note'], [{ area: 'cumbria', note: 'x'.repeat(501) }, 'note'], [{ area: 'cumbria', extra: 1 }, ''],
    ];
    for (const [payload, field] of cases) {
      const response = await submit(analyst, payload);
      expect([response.statusCode, isProblem(response)]).toEqual([400, true]);
      if (field !== '') expect((json(response)['errors'] as { path: string }[]).some((e) => e.path === field)).toBe(true);
    }
    expect((await submit(analyst, { area: 'cumbria' }, '2008-10')).statusCode).toBe(400);
    expect((await api.as(analyst).get('/returns/2008-09/revisions?area=cumbria&submissionId=nope')).statusCode).toBe(400);
    expect(await written()).toBe(before);
  });

  it('concurrent submissions of one area are each recorded once, at consecutive versions of its stream', async () => {
    const before = (await allEvents(api.store)).filter((e) => e.streamName === 'mappa-returns-cumbria').length;
    const answers = await Promise.all(Array.from({ length: 4 }, () => submit()));
    expect(answers.map((a) => a.statusCode)).toEqual([201, 201, 201, 201]);
    const stored = (await allEvents(api.store)).filter((e) => e.streamName === 'mappa-returns-cumbria');
    expect(stored.map((e) => e.streamPosition)).toEqual(Array.from({ length: before + 4 }, (_, i) => i));
    expect(new Set(stored.slice(before).map((e) => e.data['submissionId']))).toEqual(new Set(answers.map((a) => json(a)['submissionId'])));
  });

  it('the OpenAPI document lists the three routes, with examples the schemas accept', async () => {
    const doc = json(await api.anonymous.get('/docs/json')) as { paths: Record<string, Record<string, { requestBody?: { content: Record<string, { example?: unknown }> }; responses: Record<string, { content?: Record<string, { schema: { examples?: unknown[] } }> }> }>> };
    const post = doc.paths['/returns/{reportingYear}/submissions']!['post']!;
    const example = post.requestBody!.content['application/json']!.example;
    expect(example).toMatchObject({ area: 'cumbria' });
    expect(submissionRequest.safeParse(example).success).toBe(true);
    expect(doc.paths['/returns/{reportingYear}/submissions']!['get']).toBeDefined();
    const revisions = doc.paths['/returns/{reportingYear}/revisions']!['get']!.responses['200']!.content!['application/json']!.schema.examples![0] as Revisions;
    expect(revisions.changes[0]!.rowId).toBe('R01');
  });

  it('V1: malformed bodies (fast-check) are never a 500, always problem+json naming the field, and write nothing', async () => {
    const before = await written();
    await fc.assert(
      // Leaving out an optional field (format, note) is a valid submission: every other mutation is not.
      fc.asyncProperty(malformedFrom({ area: 'cumbria', format: '2008', note: 'a note' }).filter((m) => !(m.kind === 'missing key' && m.path !== 'area')), async ({ body, path }) => {
        const response = await submit(analyst, body);
        expect(response.statusCode).toBe(400);
        expect(isProblem(response)).toBe(true);
        const errors = (json(response)['errors'] as { path: string }[] | undefined) ?? [];
        if (path !== '') expect(errors.some((e) => namesField(e.path, path) || namesField(path, e.path))).toBe(true);
      }),
      { numRuns: 150 },
    );
    expect(await written()).toBe(before);
  });
});
