import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { streams } from '../../src/infrastructure/eventstore/stream-names.js';
import { SubjectKeysInMemory } from '../../src/infrastructure/personal-data/subject-keys.js';
import { refer } from '../domain/case/support/builders.js';
import { isProblem, json, principal, startApi, type TestApi } from './support/api.js';

const coordinator = principal('coordinator', { areas: ['cumbria'] });
const reviewer = principal('reviewer', { areas: ['cumbria'] });
const officer = principal('data-protection', { sub: 'dpo-1', areas: ['cumbria'] });
const auditor = principal('auditor', { sub: 'auditor-1', areas: '*' });

describe('data protection over HTTP: erasure, retention review, restriction (docs/DOMAIN.md section 13)', () => {
  let api: TestApi;
  const keys = new SubjectKeysInMemory();
  let n = 0;
  beforeAll(async () => {
    api = await startApi({ keys });
  });
  afterAll(() => api.close());

  async function freshCase(): Promise<string> {
    const caseId = `dp-${++n}`;
    expect((await api.as(coordinator).command(caseId, refer())).statusCode).toBe(201);
    await keys.keyFor(caseId);
    return caseId;
  }

  it('erasure goes to the subject stream, not the case stream, and destroys the key; a second one is refused', async () => {
    const caseId = await freshCase();
    const caseVersion = await api.store.streamVersion(streams.case(caseId));
    const erased = await api.as(officer).command(caseId, { type: 'EraseSubjectData', reason: 'court order' });
    expect(erased.statusCode).toBe(201);
    expect(json(erased)).toMatchObject({ caseId, version: caseVersion, events: [{ type: 'SubjectDataErased' }] });
    expect(await api.store.streamVersion(streams.case(caseId))).toBe(caseVersion);
    const subject = await api.store.readStream(streams.subject(caseId));
    expect(subject.map((e) => [e.type, e.data])).toEqual([['SubjectDataErased', { reason: 'court order' }]]);
    expect((await keys.find(caseId)).kind).toBe('destroyed');
    const again = await api.as(officer).command(caseId, { type: 'EraseSubjectData', reason: 'court order' });
    expect(again.statusCode).toBe(422);
    expect(json(again)['code']).toBe('subject-already-erased');
  });

  it('a case whose subject is erased still takes commands that need no personal data, and its counts stay', async () => {
    const caseId = await freshCase();
    expect((await api.as(officer).command(caseId, { type: 'EraseSubjectData', reason: 'wrong person' })).statusCode).toBe(201);
    const moved = await api.as(coordinator).command(caseId, { type: 'ChangeLocalUnit', occurredOn: '2009-01-01', localUnit: 'South' });
    expect(moved.statusCode).toBe(201);
  });

  it('dispose erases; retain needs a later nextReviewDue, named on refusal', async () => {
    const caseId = await freshCase();
    const missing = await api.as(officer).command(caseId, { type: 'RecordRetentionReview', outcome: 'retain', reason: 'live risk' });
    expect(missing.statusCode).toBe(400);
    expect(isProblem(missing)).toBe(true);
    expect(json(missing)['errors']).toEqual([expect.objectContaining({ path: 'nextReviewDue' })]);
    const past = await api.as(officer).command(caseId, { type: 'RecordRetentionReview', outcome: 'retain', reason: 'live risk', nextReviewDue: '2026-11-24' });
    expect(past.statusCode).toBe(400);
    expect(json(past)['errors']).toEqual([expect.objectContaining({ path: 'nextReviewDue' })]);
    expect(await api.store.streamVersion(streams.subject(caseId))).toBe(-1);
    const disposed = await api.as(officer).command(caseId, { type: 'RecordRetentionReview', outcome: 'dispose', reason: 'period over' });
    expect(disposed.statusCode).toBe(201);
    expect((await keys.find(caseId)).kind).toBe('destroyed');
  });

  it('a coordinator may not erase, a data-protection officer may not transfer (403); outside their areas the case is absent (404)', async () => {
    const caseId = await freshCase();
    const byCoordinator = await api.as(coordinator).command(caseId, { type: 'EraseSubjectData', reason: 'x' });
    expect(byCoordinator.statusCode).toBe(403);
    const transfer = await api.as(officer).command(caseId, { type: 'TransferCase', occurredOn: '2009-01-01', toArea: 'lancashire' });
    expect(transfer.statusCode).toBe(403);
    const elsewhere = await api.as({ ...officer, areas: ['lancashire'] }).command(caseId, { type: 'EraseSubjectData', reason: 'x' });
    expect(elsewhere.statusCode).toBe(404);
    expect(await api.store.streamVersion(streams.subject(caseId))).toBe(-1);
    expect((await api.as(officer).command('no-such-case', { type: 'EraseSubjectData', reason: 'x' })).statusCode).toBe(404);
  });

  it('restrict: the case and its history are 404 to coordinators and reviewers, readable by data-protection; a later retain lifts it', async () => {
    const caseId = await freshCase();
    expect((await api.as(reviewer).get(`/cases/${caseId}`)).statusCode).toBe(200);
    expect((await api.as(officer).command(caseId, { type: 'RecordRetentionReview', outcome: 'restrict', reason: 'accuracy disputed' })).statusCode).toBe(201);
    const absent = await api.as(reviewer).get('/cases/no-such-case');
    for (const url of [`/cases/${caseId}`, `/cases/${caseId}/events`, `/cases/${caseId}?asOf=2009-01-01`]) {
      const hidden = await api.as(reviewer).get(url);
      expect(hidden.statusCode).toBe(404);
      expect(hidden.body).toBe(absent.body);
    }
    expect((await api.as(coordinator).get(`/cases/${caseId}`)).statusCode).toBe(404);
    expect((await api.as(coordinator).command(caseId, { type: 'ChangeLocalUnit', occurredOn: '2009-01-01', localUnit: 'South' })).statusCode).toBe(201);
    const byOfficer = await api.as(officer).get(`/cases/${caseId}`);
    expect(byOfficer.statusCode).toBe(200);
    expect(json(byOfficer)['caseId']).toBe(caseId);
    expect((await api.as(auditor).get(`/cases/${caseId}/corrections/recipients`)).statusCode).toBe(200);
    expect((await api.as(officer).command(caseId, { type: 'RecordRetentionReview', outcome: 'retain', reason: 'resolved', nextReviewDue: '2031-01-01' })).statusCode).toBe(201);
    expect((await api.as(reviewer).get(`/cases/${caseId}`)).statusCode).toBe(200);
  });

  it('the access log records each erasure and review with actor, case, outcome and reason, and /audit shows it by case', async () => {
    const caseId = await freshCase();
    await api.as(officer).command(caseId, { type: 'RecordRetentionReview', outcome: 'retain', reason: 'live risk', nextReviewDue: '2030-01-01' });
    await api.as(officer).command(caseId, { type: 'EraseSubjectData', reason: 'court order' });
    const audit = await api.as(auditor).get(`/audit?caseId=${caseId}`);
    expect(audit.statusCode).toBe(200);
    const decisions = (json(audit)['records'] as Record<string, unknown>[]).filter((r) => r['type'] === 'DataProtectionRecorded');
    expect(decisions).toEqual([
      expect.objectContaining({ caseId, outcome: 'retain', reason: 'live risk', nextReviewDue: '2030-01-01', actor: { id: 'dpo-1', role: 'data-protection', agency: 'police' } }),
      expect.objectContaining({ caseId, outcome: 'erase', reason: 'court order' }),
    ]);
  });

  it('an Idempotency-Key replays an erasure as first answered, writing nothing twice', async () => {
    const caseId = await freshCase();
    const first = await api.as(officer).command(caseId, { type: 'EraseSubjectData', reason: 'court order' }, { 'idempotency-key': 'erase-1' });
    const again = await api.as(officer).command(caseId, { type: 'EraseSubjectData', reason: 'court order' }, { 'idempotency-key': 'erase-1' });
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.body).toBe(first.body);
    expect(await api.store.streamVersion(streams.subject(caseId))).toBe(0);
  });
});
