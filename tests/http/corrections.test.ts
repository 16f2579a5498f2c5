import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { streams } from '../../src/infrastructure/eventstore/stream-names.js';
import { cmd, refer } from '../domain/case/support/builders.js';
import { allEvents, isProblem, json, principal, startApi, type TestApi } from './support/api.js';

const coordinator = principal('coordinator');
const reviewer = principal('reviewer');
const analyst = principal('analyst');
const auditor = principal('auditor');

type Accepted = { version: number; events: { eventId: string; type: string; occurredOn?: string }[] };
type History = { events: { eventId: string; type: string; occurredOn?: string; retractedBy?: string; retractedAt?: string; causationId: string }[] };

describe('corrections: RetractEvents and CorrectEvents over HTTP (docs/DOMAIN.md section 10)', () => {
  let api: TestApi;
  let n = 0;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  const later = (minutes: number) => api.clock.set(new Date(api.clock.now().getTime() + minutes * 60_000));
  const version = (caseId: string) => api.store.streamVersion(streams.case(caseId));
  const caughtUp = async () => {
    const events = await allEvents(api.store);
    await api.projections.caughtUpTo(events[events.length - 1]!.globalPosition);
  };
  const returnNow = async (query = '') => (await api.as(analyst).get(`/returns/2008-09?area=cumbria${query}`)).body;

  /** A fresh case with a breach recorded on it; the ids of the referral and the breach. */
  async function caseWithBreach(): Promise<{ caseId: string; referral: string; breach: string }> {
    const caseId = `corr-${++n}`;
    const referred = json(await api.as(coordinator).command(caseId, refer({ level: 1 }))) as Accepted;
    later(1);
    const breach = json(await api.as(coordinator).command(caseId, cmd('RecordNotificationBreach', '2008-11-01', { disposal: 'conviction' }))) as Accepted;
    later(1);
    return { caseId, referral: referred.events[0]!.eventId, breach: breach.events[0]!.eventId };
  }

  it('a retraction is stored as EventsRetracted, without a business date, and the history marks what it took out', async () => {
    const { caseId, breach } = await caseWithBreach();
    const response = await api.as(coordinator).command(caseId, { type: 'RetractEvents', eventIds: [breach], reason: 'duplicate', note: 'entered twice' });
    expect(response.statusCode).toBe(201);
    const accepted = json(response) as Accepted;
    expect(accepted.events).toHaveLength(1);
    expect(accepted.events[0]).toMatchObject({ type: 'EventsRetracted' });
    expect(accepted.events[0]).not.toHaveProperty('occurredOn');
    const history = json(await api.as(reviewer).get(`/cases/${caseId}/events`)) as History;
    expect(history.events.map((e) => e.type)).toEqual(['OffenderReferred', 'NotificationBreachRecorded', 'EventsRetracted']);
    expect(history.events[1]).toMatchObject({ retractedBy: accepted.events[0]!.eventId, retractedAt: api.clock.now().toISOString() });
    expect(history.events[0]).not.toHaveProperty('retractedBy');
    expect(history.events[2]).not.toHaveProperty('occurredOn');
  });

  it('the return stops counting a retracted fact, while the return as known before the retraction is unchanged byte for byte', async () => {
    const caseId = `corr-${++n}`;
    const referred = json(await api.as(coordinator).command(caseId, refer({ level: 1 }))) as Accepted;
    later(1);
    await caughtUp();
    const before = await returnNow();
    const knownAt = api.clock.now().toISOString();
    later(1);
    expect((await api.as(coordinator).command(caseId, { type: 'RetractEvents', eventIds: [referred.events[0]!.eventId], reason: 'wrong-case' })).statusCode).toBe(201);
    await caughtUp();
    const after = await returnNow();
    expect(after).not.toBe(before);
    const cat1 = (body: string) => (JSON.parse(body) as { rows: { id: string; cells: Record<string, number | null> }[] }).rows.find((r) => r.id === 'R01')!.cells['cat1'];
    expect(cat1(after)).toBe(cat1(before)! - 1);
    const asKnownThen = JSON.parse(await returnNow(`&knownAt=${knownAt}`)) as { rows: unknown };
    expect(JSON.stringify(asKnownThen.rows)).toBe(JSON.stringify((JSON.parse(before) as { rows: unknown }).rows));
    // The whole case retracted: absent everywhere but its history.
    expect((await api.as(reviewer).get(`/cases/${caseId}`)).statusCode).toBe(404);
    expect((await api.as(reviewer).get(`/cases/${caseId}/events`)).statusCode).toBe(200);
    expect((await api.as(reviewer).get(`/cases/${caseId}?knownAt=${knownAt}`)).statusCode).toBe(200);
  });

  it('(K2) retracting a command and recording it again gives the return as if it had never been retracted', async () => {
    const { caseId, breach } = await caseWithBreach();
    await caughtUp();
    const before = JSON.parse(await returnNow()) as { rows: unknown };
    expect((await api.as(coordinator).command(caseId, { type: 'RetractEvents', eventIds: [breach], reason: 'recorded-in-error' })).statusCode).toBe(201);
    later(1);
    expect((await api.as(coordinator).command(caseId, cmd('RecordNotificationBreach', '2008-11-01', { disposal: 'conviction' }))).statusCode).toBe(201);
    await caughtUp();
    expect(JSON.stringify((JSON.parse(await returnNow()) as { rows: unknown }).rows)).toBe(JSON.stringify(before.rows));
  });

  it('refuses, writing nothing: an event of another case, twice, a retraction, the referral alone, a later fact left without ground', async () => {
    const { caseId, referral, breach } = await caseWithBreach();
    const other = await caseWithBreach();
    const retract = (...eventIds: string[]) => api.as(coordinator).command(caseId, { type: 'RetractEvents', eventIds, reason: 'recorded-in-error' });
    const start = await version(caseId);
    const notFound = await retract(other.breach);
    expect(notFound.statusCode).toBe(404);
    expect(isProblem(notFound)).toBe(true);
    expect(json(notFound)['code']).toBe('event-not-found');
    expect(json(await retract(referral))['code']).toBe('referral-has-later-events');
    expect(await version(caseId)).toBe(start);
    const first = json(await retract(breach)) as Accepted;
    const twice = await retract(breach);
    expect(twice.statusCode).toBe(422);
    expect(json(twice)['code']).toBe('event-already-retracted');
    expect(json(await retract(first.events[0]!.eventId))['code']).toBe('cannot-retract-a-retraction');
    expect(await version(caseId)).toBe(start + 1);

    const custody = `corr-${++n}`;
    await api.as(coordinator).command(custody, refer());
    const taken = json(await api.as(coordinator).command(custody, cmd('RecordCustody', '2008-09-01', { reason: 'remand' }))) as Accepted;
    await api.as(coordinator).command(custody, cmd('RecordRelease', '2008-10-01', {}));
    const orphaned = await api.as(coordinator).command(custody, { type: 'RetractEvents', eventIds: [taken.events[0]!.eventId], reason: 'recorded-in-error' });
    expect(orphaned.statusCode).toBe(422);
    expect(json(orphaned)).toMatchObject({ code: 'not-in-custody', laterFact: { type: 'ReleasedFromCustody', occurredOn: '2008-10-01' } });
    expect(await version(custody)).toBe(2);
  });

  it('bad bodies are 400 naming the field', async () => {
    const { caseId } = await caseWithBreach();
    for (const [body, field] of [
      [{ type: 'RetractEvents', eventIds: [], reason: 'duplicate' }, 'eventIds'],
      [{ type: 'RetractEvents', eventIds: ['a b'], reason: 'duplicate' }, 'eventIds.0'],
      [{ type: 'RetractEvents', eventIds: ['x'], reason: 'typo' }, 'reason'],
      [{ type: 'RetractEvents', eventIds: ['x'], reason: 'duplicate', occurredOn: '2009-01-01' }, 'occurredOn'],
      [{ type: 'CorrectEvents', eventIds: ['x'], reason: 'duplicate', replacement: refer() }, 'replacement'],
    ] as const) {
      const response = await api.as(coordinator).command(caseId, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(JSON.stringify(json(response)['errors'])).toContain(field);
    }
  });

  it('CorrectEvents appends the retraction and the replacement in one append, or nothing', async () => {
    const { caseId, breach } = await caseWithBreach();
    const start = await version(caseId);
    const refused = await api.as(coordinator).command(caseId, { type: 'CorrectEvents', eventIds: [breach], reason: 'recorded-in-error', replacement: cmd('RecordRelease', '2008-11-01', {}) });
    expect(json(refused)['code']).toBe('not-in-custody');
    expect(await version(caseId)).toBe(start);
    const response = await api.as(coordinator).command(caseId, {
      type: 'CorrectEvents', eventIds: [breach], reason: 'recorded-in-error', replacement: cmd('RecordNotificationBreach', '2008-11-01', { disposal: 'caution' }),
    });
    expect(response.statusCode).toBe(201);
    const accepted = json(response) as Accepted;
    expect(accepted.events.map((e) => e.type)).toEqual(['EventsRetracted', 'NotificationBreachRecorded']);
    expect(accepted.version).toBe(start + 2);
    const history = json(await api.as(reviewer).get(`/cases/${caseId}/events`)) as History;
    // One command, one causation: the two events were appended together.
    expect(history.events[start + 1]!.causationId).toBe(history.events[start + 2]!.causationId);
  });

  it('tells auditors who read the case while the wrong fact stood (DPA 2018 s.38(5)(c))', async () => {
    const { caseId, breach } = await caseWithBreach();
    const reader = principal('reviewer', { sub: 'rita-reads-it' });
    expect((await api.as(reader).get(`/cases/${caseId}`)).statusCode).toBe(200);
    later(1);
    await api.as(coordinator).command(caseId, { type: 'RetractEvents', eventIds: [breach], reason: 'recorded-in-error' });
    later(1);
    const afterwards = principal('reviewer', { sub: 'reads-after' });
    await api.as(afterwards).get(`/cases/${caseId}`);
    expect((await api.as(reviewer).get(`/cases/${caseId}/corrections/recipients`)).statusCode).toBe(403);
    const response = await api.as(auditor).get(`/cases/${caseId}/corrections/recipients`);
    expect(response.statusCode).toBe(200);
    const body = json(response) as { retractions: { eventIds: string[]; recipients: { actor: { id: string } }[] }[] };
    expect(body.retractions).toHaveLength(1);
    expect(body.retractions[0]!.eventIds).toEqual([breach]);
    const readers = body.retractions[0]!.recipients.map((r) => r.actor.id);
    expect(readers).toContain('rita-reads-it');
    expect(readers).not.toContain('reads-after');
    expect((await api.as(auditor).get('/cases/no-such-case/corrections/recipients')).statusCode).toBe(404);
  });

  it('a coordinator must cover the area the case had on the date of each retracted event', async () => {
    const caseId = `corr-${++n}`;
    const everywhere = principal('coordinator', { sub: 'both', areas: ['cumbria', 'lancashire'] });
    const referred = json(await api.as(everywhere).command(caseId, refer())) as Accepted;
    const transfer = json(await api.as(everywhere).command(caseId, cmd('TransferCase', '2009-01-01', { toArea: 'lancashire' }))) as Accepted;
    const lancashireOnly = principal('coordinator', { sub: 'lancs', areas: ['lancashire'] });
    const breach = json(await api.as(lancashireOnly).command(caseId, cmd('RecordNotificationBreach', '2009-02-01', { disposal: 'caution' }))) as Accepted;
    expect((await api.as(lancashireOnly).command(caseId, { type: 'RetractEvents', eventIds: [breach.events[0]!.eventId], reason: 'duplicate' })).statusCode).toBe(201);
    // The whole case: the referral and the transfer were recorded while it was cumbria's.
    const whole = { type: 'RetractEvents', eventIds: [referred.events[0]!.eventId, transfer.events[0]!.eventId], reason: 'wrong-case' };
    expect((await api.as(lancashireOnly).command(caseId, whole)).statusCode).toBe(403);
    expect((await api.as(everywhere).command(caseId, whole)).statusCode).toBe(201);
  });
});
