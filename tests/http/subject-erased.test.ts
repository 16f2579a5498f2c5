import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMemoryEventStore } from '../../src/infrastructure/eventstore/memory.js';
import { personalDataInMemoryFor, SealedPersonalData } from '../../src/infrastructure/personal-data/personal-data.js';
import { cmd, refer, violent } from '../domain/case/support/builders.js';
import { isProblem, json, principal, startApi, type TestApi } from './support/api.js';

const coordinator = principal('coordinator');
const reviewer = principal('reviewer');
type Accepted = { events: { eventId: string }[] };
type History = { events: { type: string; data: Record<string, unknown> }[] };
const SUBJECT = { ref: 'SUBJ-ERASE-1', dateOfBirth: '1970-03-15' };

/**
 * docs/DOMAIN.md section 13: once a subject's key is destroyed, the reads show `{ erased: true }`
 * where they showed the subject or a note sealed under its key, commands whose rules need the
 * date of birth are refused (subject-erased), and every other command is decided as before.
 */
describe('a case whose subject key was destroyed', () => {
  const store = openMemoryEventStore();
  let api: TestApi;
  let custody: string;
  beforeAll(async () => {
    api = await startApi({ store });
    expect((await api.as(coordinator).command('erased-1', refer({ subject: SUBJECT }))).statusCode).toBe(201);
    custody = (json(await api.as(coordinator).command('erased-1', cmd('RecordCustody', '2008-06-01', { reason: 'remand' }))) as Accepted).events[0]!.eventId;
    expect((await api.as(coordinator).command('erased-1', { type: 'RetractEvents', eventIds: [custody], reason: 'recorded-in-error', note: 'wrong subject' })).statusCode).toBe(201);
    // Before: every read shows the subject and the note opened.
    expect(json(await api.as(coordinator).get('/cases/erased-1'))['subject']).toEqual(SUBJECT);
    const history = json(await api.as(reviewer).get('/cases/erased-1/events')) as History;
    expect(history.events.find((e) => e.type === 'EventsRetracted')!.data['note']).toBe('wrong subject');
    const personal = personalDataInMemoryFor(store) as SealedPersonalData;
    await personal.keys.destroy('erased-1');
  });
  afterAll(() => api.close());

  it('reads show subject: { erased: true }, now and in the past, and the retraction note as { erased: true }', async () => {
    expect(json(await api.as(coordinator).get('/cases/erased-1'))['subject']).toEqual({ erased: true });
    const past = await api.as(reviewer).get('/cases/erased-1?asOf=2008-05-02&knownAt=2030-01-01T00:00:00Z');
    expect(past.statusCode).toBe(200);
    expect(json(past)['subject']).toEqual({ erased: true });
    const history = json(await api.as(reviewer).get('/cases/erased-1/events')) as History;
    expect(history.events.find((e) => e.type === 'OffenderReferred')!.data['subject']).toEqual({ erased: true });
    expect(history.events.find((e) => e.type === 'EventsRetracted')!.data['note']).toEqual({ erased: true });
    expect(JSON.stringify(history)).not.toContain('SUBJ-ERASE-1');
  });

  it('a basis added is refused with subject-erased (422); a retraction with a note too; without a note it goes through', async () => {
    const added = await api.as(coordinator).command('erased-1', cmd('AddEligibilityBasis', '2008-07-01', { basis: violent({ basisId: 'vo-2' }) }));
    expect(added.statusCode).toBe(422);
    expect(isProblem(added)).toBe(true);
    expect(json(added)).toMatchObject({ code: 'subject-erased', status: 422 });
    const breach = (json(await api.as(coordinator).command('erased-1', cmd('RecordNotificationBreach', '2008-08-01', { disposal: 'caution' }))) as Accepted).events[0]!.eventId;
    const noted = await api.as(coordinator).command('erased-1', { type: 'RetractEvents', eventIds: [breach], reason: 'duplicate', note: 'twice' });
    expect(json(noted)).toMatchObject({ code: 'subject-erased', status: 422 });
    expect((await api.as(coordinator).command('erased-1', { type: 'RetractEvents', eventIds: [breach], reason: 'duplicate' })).statusCode).toBe(201);
  });

  it('commands that need no personal data are decided as before', async () => {
    expect((await api.as(coordinator).command('erased-1', cmd('SetManagementLevel', '2008-09-01', { level: 2 }))).statusCode).toBe(201);
    expect((await api.as(coordinator).command('erased-1', cmd('CloseCase', '2008-10-01', { reason: 'risk-reduced' }))).statusCode).toBe(201);
    // Reopening without a basis needs no date of birth; with one it does.
    const withBasis = await api.as(coordinator).command('erased-1', cmd('ReopenCase', '2008-11-01', { basis: violent({ basisId: 'vo-3', startDate: '2008-10-20' }) }));
    expect(json(withBasis)).toMatchObject({ code: 'subject-erased' });
    expect((await api.as(coordinator).command('erased-1', cmd('ReopenCase', '2008-11-01', {}))).statusCode).toBe(201);
  });
});
