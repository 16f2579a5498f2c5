import { describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../../../src/infrastructure/eventstore/eventstore.js';
import { refer } from '../../domain/case/support/builders.js';
import { storeWith } from '../support/faulty-store.js';
import { json, principal, type TestApi } from '../support/api.js';
import type { ApiUnderTest } from './fixture.js';

const coordinator = principal('coordinator');
const reviewer = principal('reviewer');

async function caseWithHistory(api: TestApi): Promise<void> {
  const as = api.as(coordinator);
  await as.command('case-1', refer({ occurredOn: '2008-05-01' }));
  api.clock.set('2026-11-24T11:00:00.000Z');
  await as.command('case-1', { type: 'RecordMappMeeting', occurredOn: '2008-06-01', meetingId: 'm-1', level: 2, kind: 'initial', agencies: ['police'], nextReviewDue: '2008-09-01' });
  api.clock.set('2026-11-24T12:00:00.000Z');
  await as.command('case-1', { type: 'RecordCustody', occurredOn: '2008-07-01', reason: 'sentence' });
  await as.command('case-1', { type: 'RecordRelease', occurredOn: '2008-08-01', licenceEnds: '2009-08-01' });
}

/** GET routes of docs/DOMAIN.md section 6 that need no projection. */
export function describeReads(subject: ApiUnderTest): void {
  describe('GET /cases/{caseId}', () => {
    it('the case now: state, computed fields, ETag and Cache-Control: no-store', async () => {
      await caseWithHistory(subject.api);
      const response = await subject.api.as(coordinator).get('/cases/case-1');
      expect(response.statusCode).toBe(200);
      expect(response.headers['etag']).toBe('"4"');
      expect(response.headers['cache-control']).toBe('no-store');
      expect(json(response)).toMatchObject({
        caseId: 'case-1',
        version: 4,
        asOf: '2026-11-24',
        knownAt: null,
        area: 'cumbria',
        localUnit: 'North BCU',
        leadAgency: 'police',
        open: true,
        deceased: false,
        eligible: true,
        reportedCategory: 1,
        level: 2,
        custody: { inCustody: false, reason: null },
        licence: { ends: '2009-08-01', onLicence: false },
        bases: [{ basisId: 'rso-1', category: 1, start: '2008-01-10', lastDay: null, active: true }],
        lastMeeting: { meetingId: 'm-1', level: 2, nextReviewDue: '2008-09-01' },
        nextReviewDue: '2008-09-01',
        reviewOverdue: true,
      });
    });

    it('asOf: the case at the end of that business day (a reviewer may read past states)', async () => {
      await caseWithHistory(subject.api);
      const response = await subject.api.as(reviewer).get('/cases/case-1?asOf=2008-07-15');
      expect(response.statusCode).toBe(200);
      expect(json(response)).toMatchObject({ asOf: '2008-07-15', level: 2, custody: { inCustody: true, reason: 'sentence' }, licence: { ends: null }, reviewOverdue: false });
    });

    it('knownAt: only what was recorded by then; combined with asOf', async () => {
      await caseWithHistory(subject.api);
      const known = await subject.api.as(reviewer).get('/cases/case-1?knownAt=2026-11-24T11:30:00Z');
      expect(known.statusCode).toBe(200);
      expect(known.headers['etag']).toBe('"2"');
      expect(json(known)).toMatchObject({ knownAt: '2026-11-24T11:30:00.000Z', version: 2, level: 2, custody: { inCustody: false }, licence: { ends: null } });
      const both = await subject.api.as(reviewer).get('/cases/case-1?asOf=2008-05-15&knownAt=2026-11-24T11:30:00%2B01:00');
      expect(json(both)).toMatchObject({ asOf: '2008-05-15', knownAt: '2026-11-24T10:30:00.000Z', version: 0, level: 1 });
    });

    it('400 for an asOf that is not a date or a knownAt that is not an instant, naming the parameter', async () => {
      for (const query of ['asOf=2009-02-30', 'asOf=yesterday', 'knownAt=2026-11-24']) {
        const response = await subject.api.as(reviewer).get(`/cases/case-1?${query}`);
        expect(response.statusCode).toBe(400);
        expect((json(response)['errors'] as { path: string }[])[0]!.path).toBe(query.split('=')[0]);
      }
    });
  });

  describe('GET /cases/{caseId}/events', () => {
    it('every event with its metadata, in stream order', async () => {
      await caseWithHistory(subject.api);
      const response = await subject.api.as(reviewer).get('/cases/case-1/events');
      expect(response.statusCode).toBe(200);
      expect(response.headers['cache-control']).toBe('no-store');
      const body = json(response) as { version: number; events: Record<string, unknown>[]; next: string | null };
      expect(body.version).toBe(4);
      expect(body.next).toBeNull();
      expect(body.events.map((e) => [e['position'], e['type'], e['occurredOn']])).toEqual([
        [0, 'OffenderReferred', '2008-05-01'],
        [1, 'MappMeetingRecorded', '2008-06-01'],
        [2, 'ManagementLevelChanged', '2008-06-01'],
        [3, 'TakenIntoCustody', '2008-07-01'],
        [4, 'ReleasedFromCustody', '2008-08-01'],
      ]);
      expect(body.events[0]).toEqual({
        eventId: expect.any(String),
        position: 0,
        type: 'OffenderReferred',
        // Version 3: the subject is sealed in the log, and shown opened (docs/DOMAIN.md section 13).
        schemaVersion: 3,
        occurredOn: '2008-05-01',
        recordedAt: '2026-11-24T10:00:00.000Z',
        actor: { id: 'coordinator-1', role: 'coordinator', agency: 'probation' },
        correlationId: expect.any(String),
        causationId: expect.any(String),
        data: expect.objectContaining({ area: 'cumbria', subject: { ref: 'SUBJ-0001', dateOfBirth: '1970-03-15' } }),
      });
      expect(body.events[1]!['causationId']).toBe(body.events[2]!['causationId']);
    });

    it('paginated with from and limit and a next link to follow', async () => {
      await caseWithHistory(subject.api);
      const seen: number[] = [];
      let url: string | null = '/cases/case-1/events?limit=2';
      let pages = 0;
      while (url !== null) {
        const body = json(await subject.api.as(reviewer).get(url)) as { events: { position: number }[]; next: string | null };
        seen.push(...body.events.map((e) => e.position));
        url = body.next;
        pages++;
      }
      expect(seen).toEqual([0, 1, 2, 3, 4]);
      expect(pages).toBe(3);
      const over = await subject.api.as(reviewer).get('/cases/case-1/events?limit=1001');
      expect(over.statusCode).toBe(400);
    });
  });

  describe('GET /areas and PUT /areas/{area}/population/{reportingYear}', () => {
    const admin = principal('admin', { areas: ['cumbria'] });

    it('lists the 42 areas with name and country', async () => {
      const body = json(await subject.api.as(principal('analyst')).get('/areas')) as { areas: { code: string; name: string; country: string }[] };
      expect(body.areas).toHaveLength(42);
      expect(body.areas.find((a) => a.code === 'durham')).toMatchObject({ name: 'County Durham', country: 'England' });
      expect(body.areas.find((a) => a.code === 'gwent')).toMatchObject({ name: 'Gwent', country: 'Wales' });
    });

    it('records a population as an event in mappa-area-<area>: 201, then 200 for the same figure, 201 for a correction', async () => {
      const put = (payload: unknown) => subject.api.as(admin).request({ method: 'PUT', url: '/areas/cumbria/population/2008-09', payload: payload as Record<string, unknown> });
      const first = await put({ population: 493_000, basis: 'all-ages', source: 'ONS mid-2008' });
      expect(first.statusCode).toBe(201);
      expect(json(first)).toMatchObject({ area: 'cumbria', reportingYear: '2008-09', population: 493_000, version: 0 });
      expect((await put({ population: 493_000, basis: 'all-ages', source: 'ONS mid-2008' })).statusCode).toBe(200);
      expect((await put({ population: 494_100, basis: 'all-ages', source: 'ONS revised' })).statusCode).toBe(201);
      const stored = await subject.api.store.readStream('mappa-area-cumbria');
      expect(stored.map((e) => [e.type, e.data['population'], (e.metadata['actor'] as { id: string }).id])).toEqual([
        ['AreaPopulationRecorded', 493_000, 'admin-1'],
        ['AreaPopulationRecorded', 494_100, 'admin-1'],
      ]);
      const areas = json(await subject.api.as(principal('analyst')).get('/areas')) as { areas: { code: string; populations: unknown[] }[] };
      expect(areas.areas.find((a) => a.code === 'cumbria')!.populations).toEqual([
        { reportingYear: '2008-09', population: 494_100, basis: 'all-ages', source: 'ONS revised', recordedAt: '2026-11-24T10:00:00.000Z' },
      ]);
    });

    it('400 for a bad year, area or body; 403 outside the admin areas', async () => {
      const as = subject.api.as(admin);
      const body = { population: 1000, basis: 'all-ages', source: 'x' };
      expect((await as.request({ method: 'PUT', url: '/areas/cumbria/population/2008-10', payload: body })).statusCode).toBe(400);
      expect((await as.request({ method: 'PUT', url: '/areas/atlantis/population/2008-09', payload: body })).statusCode).toBe(400);
      expect((await as.request({ method: 'PUT', url: '/areas/cumbria/population/2008-09', payload: { ...body, basis: 'adults' } })).statusCode).toBe(400);
      expect((await as.request({ method: 'PUT', url: '/areas/lancashire/population/2008-09', payload: body })).statusCode).toBe(403);
    });
  });

  describe('GET /health/live and /health/ready', () => {
    it('answer without a token', async () => {
      expect(json(await subject.api.anonymous.get('/health/live'))).toEqual({ status: 'live' });
      expect(json(await subject.api.anonymous.get('/health/ready'))).toEqual({ status: 'ready' });
    });

    it('readiness fails (503 problem+json) when the store does not answer; liveness does not', async () => {
      const api = await subject.start({ wrap: (store) => storeWith(store, { streamVersion: () => Promise.reject(new StoreUnavailableError('connection refused')) }) });
      const ready = await api.anonymous.get('/health/ready');
      expect(ready.statusCode).toBe(503);
      expect(json(ready)).toMatchObject({ code: 'not-ready', detail: 'the event store does not answer' });
      expect((await api.anonymous.get('/health/live')).statusCode).toBe(200);
    });
  });
}
