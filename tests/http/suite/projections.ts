import { describe, expect, it } from 'vitest';
import { type EventStore } from '../../../src/infrastructure/eventstore/eventstore.js';
import { streams } from '../../../src/infrastructure/eventstore/stream-names.js';
import { refer, rso } from '../../domain/case/support/builders.js';
import { allEvents, json, principal, type TestApi } from '../support/api.js';
import type { ApiUnderTest } from './fixture.js';

/** Waits until the read models have projected everything in the case and area streams. */
async function projected(api: TestApi): Promise<void> {
  const events = (await allEvents(api.store)).filter((e) => e.streamName.startsWith(streams.casePrefix) || e.streamName.startsWith(streams.areaPrefix));
  if (events.length > 0) await api.projections.caughtUpTo(events[events.length - 1]!.globalPosition);
}

const accessRecords = async (store: EventStore) => (await allEvents(store)).filter((e) => e.streamName.startsWith('mappa-access-'));

/** GET /returns and GET /caseload: the read models, end to end (docs/DOMAIN.md sections 6 and 7). */
export function describeProjections(subject: ApiUnderTest): void {
  const coordinator = principal('coordinator', { areas: ['cumbria', 'lancashire'] });
  const analyst = principal('analyst', { areas: ['cumbria'] });
  const nationalAnalyst = principal('analyst', { sub: 'analyst-national', areas: '*' });

  async function history(api: TestApi) {
    const as = api.as(coordinator);
    expect((await as.command('north-1', refer({ occurredOn: '2008-05-01', localUnit: 'North BCU' }))).statusCode).toBe(201);
    expect((await as.command('north-2', refer({ occurredOn: '2008-06-01', localUnit: 'North BCU', level: 2, inCustody: true }))).statusCode).toBe(201);
    expect((await as.command('north-2', { type: 'RecordRelease', occurredOn: '2008-07-01', licenceEnds: '2010-01-01' })).statusCode).toBe(201);
    expect((await as.command('west-1', refer({ occurredOn: '2008-05-01', localUnit: 'West BCU', basis: { kind: 'violent-offender', basisId: 'v', startDate: '2008-04-01', sentenceMonths: 24 } }))).statusCode).toBe(201);
    expect((await as.command('lanc-1', refer({ occurredOn: '2008-05-01', area: 'lancashire' }))).statusCode).toBe(201);
    const admin = api.as(principal('admin', { areas: ['cumbria'] }));
    expect((await admin.request({ method: 'PUT', url: '/areas/cumbria/population/2008-09', payload: { population: 200_000, basis: 'all-ages', source: 'test' } })).statusCode).toBe(201);
    await projected(api);
  }

  describe('GET /returns/{reportingYear}', () => {
    it('answers the return of an area from the read models, as JSON', async () => {
      await history(subject.api);
      const response = await subject.api.as(analyst).get('/returns/2008-09?area=cumbria');
      expect(response.statusCode).toBe(200);
      const body = json(response) as { area: string; format: string; knownAt: null; rows: { id: string; cells: Record<string, number | null> }[] };
      expect(body).toMatchObject({ area: 'cumbria', reportingYear: '2008-09', format: '2008', knownAt: null });
      const row = (id: string) => body.rows.find((r) => r.id === id)!.cells;
      expect(row('R01')).toEqual({ cat1: 2, cat2: 1, cat3: 0, total: 3 });
      expect(row('R02')).toEqual({ cat1: 1, cat2: 0, cat3: 0, total: 1 });
      expect(row('R08')).toEqual({ 'North BCU': 2 });
      expect(row('R09')).toEqual({ rate: 1 });
      expect(body.rows.map((r) => r.id)).toEqual(['R01', 'R02', 'R03', 'R04', 'R05', 'R06', 'R07', 'R08', 'R09', 'R10', 'R11', 'R12', 'R13']);
    });

    it('gives CSV for Accept: text/csv and the report layout for text/plain; format=2015 on request', async () => {
      await history(subject.api);
      const csv = await subject.api.as(analyst).get('/returns/2008-09?area=cumbria', { accept: 'text/csv' });
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      expect(csv.body.split('\r\n')[0]).toBe('area,reportingYear,format,knownAt,row,label,cell,value');
      expect(csv.body).toContain('cumbria,2008-09,2008,,R01,Number of MAPPA eligible offenders at 31 March,cat1,2\r\n');
      const text = await subject.api.as(analyst).get('/returns/2008-09?area=cumbria', { accept: 'text/plain' });
      expect(text.headers['content-type']).toMatch(/^text\/plain/);
      expect(text.body).toContain('Number of MAPPA eligible offenders at 31 March 2009\nRegistered Sexual Offenders\t2\n');
      const e = json(await subject.api.as(analyst).get('/returns/2008-09?area=cumbria&format=2015')) as { format: string; rows: { id: string }[] };
      expect(e.format).toBe('2015');
      expect(e.rows[0]!.id).toBe('E01');
    });

    it('answers England and Wales to an analyst covering every area, and knownAt as it stood then', async () => {
      await history(subject.api);
      const national = json(await subject.api.as(nationalAnalyst).get('/returns/2008-09?area=england-and-wales')) as { rows: { id: string; cells: Record<string, number | null> }[] };
      expect(national.rows[0]!.cells).toEqual({ cat1: 3, cat2: 1, cat3: 0, total: 4 });
      expect(national.rows.find((r) => r.id === 'R09')!.cells).toEqual({ rate: null });
      // Everything above was recorded at the test clock's instant; an earlier instant knows none of it.
      const before = json(await subject.api.as(analyst).get('/returns/2008-09?area=cumbria&knownAt=2020-01-01T00:00:00Z')) as { knownAt: string; rows: { cells: Record<string, number | null> }[] };
      expect(before.knownAt).toBe('2020-01-01T00:00:00.000Z');
      expect(before.rows[0]!.cells).toEqual({ cat1: 0, cat2: 0, cat3: 0, total: 0 });
    });

    it('refuses areas outside the token (403) and malformed years or areas (400, naming the field)', async () => {
      expect((await subject.api.as(analyst).get('/returns/2008-09?area=lancashire')).statusCode).toBe(403);
      expect((await subject.api.as(analyst).get('/returns/2008-09?area=england-and-wales')).statusCode).toBe(403);
      const badYear = await subject.api.as(analyst).get('/returns/2008-10?area=cumbria');
      expect(badYear.statusCode).toBe(400);
      expect(JSON.stringify(json(badYear)['errors'])).toContain('reportingYear');
      const badArea = await subject.api.as(analyst).get('/returns/2008-09?area=atlantis');
      expect(badArea.statusCode).toBe(400);
      expect(JSON.stringify(json(badArea)['errors'])).toContain('area');
    });
  });

  describe('GET /caseload', () => {
    it('lists open cases in the caller areas with counts and flags, and records the read', async () => {
      await history(subject.api);
      const as = subject.api.as(coordinator);
      // A review due before today, and a basis that has lapsed by today.
      expect((await as.command('north-2', { type: 'RecordMappMeeting', occurredOn: '2009-01-01', meetingId: 'm1', level: 2, kind: 'review', agencies: ['police'], nextReviewDue: '2009-04-01' })).statusCode).toBe(201);
      expect((await as.command('lapsed', refer({ occurredOn: '2010-01-01', basis: rso({ disposal: 'caution', custodialMonths: undefined, relevantDate: '2009-12-01' }) }))).statusCode).toBe(201);
      expect((await as.command('closed', refer({ occurredOn: '2010-01-01' }))).statusCode).toBe(201);
      expect((await as.command('closed', { type: 'CloseCase', occurredOn: '2010-02-01', reason: 'risk-reduced' })).statusCode).toBe(201);
      await projected(subject.api);
      const before = (await accessRecords(subject.api.store)).length;

      const response = await as.get('/caseload?area=cumbria', { 'x-purpose': 'weekly review' });
      expect(response.statusCode).toBe(200);
      expect(response.headers['cache-control']).toBe('no-store');
      const body = json(response) as { asOf: string; counts: Record<string, unknown>; cases: Record<string, unknown>[] };
      expect(body.asOf).toBe('2026-11-24');
      expect(body.cases.map((c) => c['caseId'])).toEqual(['lapsed', 'north-1', 'north-2', 'west-1']);
      expect(body.cases.find((c) => c['caseId'] === 'north-2')).toMatchObject({ level: 2, category: 1, reviewOverdue: true, eligibilityLapsed: false, nextReviewDue: '2009-04-01' });
      expect(body.cases.find((c) => c['caseId'] === 'lapsed')).toMatchObject({ category: null, eligibilityLapsed: true });
      expect(body.counts).toEqual({ total: 4, byCategory: { '1': 2, '2': 1, '3': 0, '4': 0, none: 1 }, byLevel: { '1': 3, '2': 1, '3': 0 }, reviewOverdue: 1, eligibilityLapsed: 1 });

      const records = await accessRecords(subject.api.store);
      expect(records.length).toBe(before + 1);
      expect(records[records.length - 1]!.data).toMatchObject({ resource: 'caseload', caseIds: ['lapsed', 'north-1', 'north-2', 'west-1'], purpose: 'weekly review' });

      // Both flags filter too, and the counts are those of the cases the filters keep.
      const lapsed = json(await as.get('/caseload?area=cumbria&eligibilityLapsed=true')) as { counts: { total: number }; cases: { caseId: string }[] };
      expect([lapsed.cases.map((c) => c.caseId), lapsed.counts.total]).toEqual([['lapsed'], 1]);
      const eligible = json(await as.get('/caseload?area=cumbria&eligibilityLapsed=false&reviewOverdue=false')) as { cases: { caseId: string }[] };
      expect(eligible.cases.map((c) => c.caseId)).toEqual(['north-1', 'west-1']);
      const bad = await as.get('/caseload?eligibilityLapsed=maybe');
      expect([bad.statusCode, JSON.stringify(json(bad)['errors'])]).toEqual([400, expect.stringContaining('eligibilityLapsed')]);
    });

    it('filters and pages', async () => {
      await history(subject.api);
      const as = subject.api.as(coordinator);
      const level2 = json(await as.get('/caseload?level=2')) as { cases: { caseId: string }[] };
      expect(level2.cases.map((c) => c.caseId)).toEqual(['north-2']);
      const first = json(await as.get('/caseload?limit=2')) as { cases: { caseId: string }[]; next: string };
      expect(first.cases.map((c) => c.caseId)).toEqual(['lanc-1', 'north-1']);
      const second = json(await as.get(`/caseload?limit=2&after=${first.next}`)) as { cases: { caseId: string }[]; next: string | null };
      expect(second.cases.map((c) => c.caseId)).toEqual(['north-2', 'west-1']);
      expect(second.next).toBeNull();
    });

    it('gives analysts the counts only, and records no case-level read', async () => {
      await history(subject.api);
      const before = (await accessRecords(subject.api.store)).length;
      const body = json(await subject.api.as(analyst).get('/caseload?area=cumbria'));
      expect(body).not.toHaveProperty('cases');
      expect(body['counts']).toMatchObject({ total: 3 });
      expect((await accessRecords(subject.api.store)).length).toBe(before);
    });
  });

  describe('POST /admin/projections/rebuild', () => {
    it('rebuilds the read models from the log: the same return before and after', async () => {
      await history(subject.api);
      const before = (await subject.api.as(analyst).get('/returns/2008-09?area=cumbria')).body;
      const admin = subject.api.as(principal('admin', { areas: '*' }));
      const rebuilt = await admin.request({ method: 'POST', url: '/admin/projections/rebuild' });
      expect(rebuilt.statusCode).toBe(200);
      expect(json(rebuilt)).toMatchObject({ cases: 4 });
      expect((await subject.api.as(analyst).get('/returns/2008-09?area=cumbria')).body).toBe(before);
      expect(json(await admin.get('/admin/projections'))).toMatchObject({ state: 'running', error: null, rebuilding: false });
    });
  });
}


