import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AREA_CODES } from '../../src/domain/shared/areas.js';
import { streams } from '../../src/infrastructure/eventstore/stream-names.js';
import { refer, rso, violent } from '../domain/case/support/builders.js';
import { allEvents, json, principal, startApi, type TestApi } from './support/api.js';

type Return = { area: string; reportingYear: string; format: string; knownAt: string | null; rows: { id: string; cells: Record<string, number | null> }[] };
type Series = { area: string; format: string | null; knownAt: string | null; returns: Return[] };
type ByArea = { reportingYear: string; knownAt: string | null; returns: Return[] };

/**
 * GET /returns (every year of an area) and GET /returns/{year}/areas (every area of a year):
 * each is the single-year return side by side, asked in one request for the web page's trend
 * and comparison charts, under the same rule as one return (`returns:read`).
 */
describe('returns side by side', () => {
  let api: TestApi;
  /** Between the first and the second batch of records: `knownAt` here sees the first only. */
  const BETWEEN = '2010-06-01T12:00:00.000Z';
  const analyst = principal('analyst', { areas: ['cumbria', 'lancashire'] });
  const national = principal('analyst', { sub: 'analyst-national', areas: '*' });

  beforeAll(async () => {
    api = await startApi({ now: '2010-05-01T10:00:00.000Z' });
    const as = api.as(principal('coordinator', { areas: '*' }));
    const accepted = async (caseId: string, body: unknown) => expect((await as.command(caseId, body)).statusCode).toBe(201);
    await accepted('c-1', refer({ occurredOn: '2006-05-01', basis: rso({ relevantDate: '2006-04-10' }) }));
    await accepted('c-2', refer({ occurredOn: '2007-06-01', basis: violent({ startDate: '2007-05-01', ends: '2009-12-31' }) }));
    await accepted('l-1', refer({ occurredOn: '2008-05-01', area: 'lancashire' }));
    await accepted('c-1', { type: 'SetManagementLevel', occurredOn: '2008-09-01', level: 2 });
    // Recorded later, about earlier dates: a backdated closure and a new case.
    api.clock.set('2010-07-01T10:00:00.000Z');
    await accepted('c-2', { type: 'CloseCase', occurredOn: '2008-02-01', reason: 'risk-reduced' });
    await accepted('c-3', refer({ occurredOn: '2009-01-01', localUnit: 'West BCU' }));
    const admin = api.as(principal('admin', { areas: '*' }));
    expect((await admin.request({ method: 'PUT', url: '/areas/cumbria/population/2008-09', payload: { population: 400_000, basis: 'all-ages', source: 'test' } })).statusCode).toBe(201);
    const events = (await allEvents(api.store)).filter((e) => e.streamName.startsWith(streams.casePrefix) || e.streamName.startsWith(streams.areaPrefix));
    await api.projections.caughtUpTo(events[events.length - 1]!.globalPosition);
  });
  afterAll(() => api.close());

  const single = async (who: typeof analyst, url: string) => json(await api.as(who).get(url)) as unknown as Return;

  it('GET /returns: one return per reporting year, from the first that counts anything to the current one, each equal to the year asked alone', async () => {
    const response = await api.as(analyst).get('/returns?area=cumbria&format=2008');
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const series = json(response) as unknown as Series;
    expect(series).toMatchObject({ area: 'cumbria', format: '2008', knownAt: null });
    // The clock stands in 2010-11 (July 2010); the first case was referred in May 2006.
    expect(series.returns.map((r) => r.reportingYear)).toEqual(['2006-07', '2007-08', '2008-09', '2009-10', '2010-11']);
    for (const r of series.returns) expect(r).toEqual(await single(analyst, `/returns/${r.reportingYear}?area=cumbria&format=2008`));
    const r01 = series.returns.map((r) => r.rows.find((row) => row.id === 'R01')!.cells['total']);
    expect(r01).toEqual([1, 1, 2, 2, 2]);
  });

  it('without a format each year takes its own default, and England and Wales needs every area', async () => {
    const series = json(await api.as(national).get('/returns?area=england-and-wales')) as unknown as Series;
    expect(series.format).toBeNull();
    expect(series.returns.every((r) => r.format === (r.reportingYear >= '2015-16' ? '2015' : '2008'))).toBe(true);
    for (const r of series.returns) expect(r).toEqual(await single(national, `/returns/${r.reportingYear}?area=england-and-wales`));
    expect((await api.as(analyst).get('/returns?area=england-and-wales')).statusCode).toBe(403);
    expect((await api.as(principal('analyst', { areas: ['lancashire'] })).get('/returns?area=cumbria')).statusCode).toBe(403);
  });

  it('with knownAt, every year as the log stood then: the same as each year asked alone with that knownAt', async () => {
    const series = json(await api.as(analyst).get(`/returns?area=cumbria&format=2008&knownAt=${BETWEEN}`)) as unknown as Series;
    expect(series.knownAt).toBe(BETWEEN);
    for (const r of series.returns) expect(r).toEqual(await single(analyst, `/returns/${r.reportingYear}?area=cumbria&format=2008&knownAt=${BETWEEN}`));
    const now = json(await api.as(analyst).get('/returns?area=cumbria&format=2008')) as unknown as Series;
    // The backdated closure of c-2 and the case c-3 were recorded after BETWEEN.
    const total = (s: Series, year: string) => s.returns.find((r) => r.reportingYear === year)!.rows[0]!.cells['total'];
    expect([total(series, '2008-09'), total(now, '2008-09')]).toEqual([2, 2]);
    expect(series.returns.find((r) => r.reportingYear === '2008-09')!.rows[0]!.cells).toEqual({ cat1: 1, cat2: 1, cat3: 0, total: 2 });
    expect(now.returns.find((r) => r.reportingYear === '2008-09')!.rows[0]!.cells).toEqual({ cat1: 2, cat2: 0, cat3: 0, total: 2 });
  });

  it('GET /returns/{year}/areas: the return of each area the token covers, in code order, each equal to the area asked alone', async () => {
    const mine = json(await api.as(analyst).get('/returns/2008-09/areas?format=2015')) as unknown as ByArea;
    expect(mine.returns.map((r) => r.area)).toEqual(['cumbria', 'lancashire']);
    for (const r of mine.returns) expect(r).toEqual(await single(analyst, `/returns/2008-09?area=${r.area}&format=2015`));
    const all = json(await api.as(national).get('/returns/2008-09/areas')) as unknown as ByArea;
    expect(all.returns.map((r) => r.area)).toEqual([...AREA_CODES]);
    const rate = (area: string) => all.returns.find((r) => r.area === area)!.rows.find((row) => row.id === 'R09')!.cells['rate'];
    expect([rate('cumbria'), rate('lancashire')]).toEqual([1, null]);
    const then = json(await api.as(analyst).get(`/returns/2008-09/areas?knownAt=${BETWEEN}`)) as unknown as ByArea;
    expect(then.knownAt).toBe(BETWEEN);
    for (const r of then.returns) expect(r).toEqual(await single(analyst, `/returns/2008-09?area=${r.area}&knownAt=${BETWEEN}`));
  });

  it('refuses other roles (403) and malformed queries (400 naming the field)', async () => {
    for (const role of ['coordinator', 'reviewer', 'auditor', 'admin'] as const) {
      expect((await api.as(principal(role)).get('/returns?area=cumbria')).statusCode).toBe(403);
      expect((await api.as(principal(role)).get('/returns/2008-09/areas')).statusCode).toBe(403);
    }
    for (const [url, field] of [['/returns?area=cumbria&knownAt=yesterday', 'knownAt'], ['/returns?area=atlantis', 'area'], ['/returns', 'area'], ['/returns/2008-10/areas', 'reportingYear'], ['/returns/2008-09/areas?format=1999', 'format']] as const) {
      const response = await api.as(national).get(url);
      expect({ url, status: response.statusCode }).toEqual({ url, status: 400 });
      expect(JSON.stringify(json(response)['errors'])).toContain(field);
    }
  });
});
