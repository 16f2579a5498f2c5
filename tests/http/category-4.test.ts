import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { streams } from '../../src/infrastructure/eventstore/stream-names.js';
import { refer, rso, terrorism } from '../domain/case/support/builders.js';
import { allEvents, json, principal, startApi, type TestApi } from './support/api.js';

type Problem = { status: number; code: string; detail: string; errors?: { path: string; message: string }[]; offeredFormats?: string[] };
type Return = { format: string; rows: { id: string; label: string; cells: Record<string, number | null> }[] };

/** Category 4 and format 2024 over HTTP (docs/DOMAIN.md section 12); the clock stands in November 2026. */
describe('category 4 and return format 2024 over HTTP', () => {
  let api: TestApi;
  const coordinator = principal('coordinator', { areas: ['durham'] });
  const analyst = principal('analyst', { areas: ['durham'] });
  const admin = principal('admin', { areas: ['durham'] });

  const caseEvents = async (caseId: string) => (await allEvents(api.store)).filter((e) => e.streamName === streams.case(caseId));
  const row = (body: Return, id: string) => body.rows.find((r) => r.id === id)!.cells;

  beforeAll(async () => {
    api = await startApi();
    const as = api.as(coordinator);
    const accepted = async (caseId: string, body: unknown) => expect((await as.command(caseId, body)).statusCode).toBe(201);
    const durham = { area: 'durham', localUnit: 'Durham BCU' } as const;
    await accepted('t-1', refer({ ...durham, occurredOn: '2025-05-01', basis: terrorism({ startDate: '2025-04-20' }), level: 1 }));
    await accepted('t-2', refer({ ...durham, occurredOn: '2025-05-01', basis: terrorism({ startDate: '2025-04-20', subtype: 'terrorism-risk' }), level: 2 }));
    await accepted('r-1', refer({ ...durham, occurredOn: '2025-05-01', basis: rso({ relevantDate: '2025-04-10' }) }));
    await accepted('r-2', refer({ ...durham, occurredOn: '2025-05-01', basis: rso({ relevantDate: '2025-04-10' }), level: 3 }));
    await accepted('r-2', { type: 'AddEligibilityBasis', occurredOn: '2025-06-01', basis: terrorism({ basisId: 'ter-2', startDate: '2025-06-01' }) });
    const put = (basis: string, population: number) =>
      api.as(admin).request({ method: 'PUT', url: '/areas/durham/population/2025-26', payload: { population, basis, source: 'test' } });
    expect((await put('all-ages', 200_000)).statusCode).toBe(201);
    expect((await put('aged-10-plus', 100_000)).statusCode).toBe(201);
    const events = (await allEvents(api.store)).filter((e) => e.streamName.startsWith(streams.casePrefix) || e.streamName.startsWith(streams.areaPrefix));
    await api.projections.caughtUpTo(events[events.length - 1]!.globalPosition);
  });
  afterAll(() => api.close());

  it('a terrorism basis dated before the category-4 edition: 422 category-not-available, nothing written', async () => {
    const response = await api.as(coordinator).command('early', refer({ area: 'durham', occurredOn: '2024-05-01', basis: terrorism({ startDate: '2024-03-31' }) }));
    expect(response.statusCode).toBe(422);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = json(response) as unknown as Problem;
    expect(body.code).toBe('category-not-available');
    expect(body.detail).toContain('basis.startDate must be on or after 2024-04-01');
    expect(await caseEvents('early')).toEqual([]);
    // An added basis is refused the same way, and the case is unchanged.
    const before = await caseEvents('r-1');
    const added = await api.as(coordinator).command('r-1', { type: 'AddEligibilityBasis', occurredOn: '2025-07-01', basis: terrorism({ basisId: 'old', startDate: '2023-12-01' }) });
    expect([added.statusCode, (json(added) as unknown as Problem).code]).toEqual([422, 'category-not-available']);
    expect(await caseEvents('r-1')).toEqual(before);
  });

  it('a subtype outside the list: 400 naming basis.subtype, nothing written', async () => {
    const response = await api.as(coordinator).command('bad-subtype', refer({ area: 'durham', occurredOn: '2025-05-01', basis: { ...terrorism(), subtype: 'extremist' } as never }));
    expect(response.statusCode).toBe(400);
    const body = json(response) as unknown as Problem;
    expect(body.code).toBe('invalid-request');
    expect(body.errors?.map((e) => e.path)).toEqual(['basis.subtype']);
    expect(await caseEvents('bad-subtype')).toEqual([]);
  });

  it('format 2024 asked for a year before its edition: 400 naming format, with the formats that year offers', async () => {
    for (const url of ['/returns/2022-23?area=durham&format=2024', '/returns/2015-16/areas?format=2024']) {
      const response = await api.as(analyst).get(url);
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      const body = json(response) as unknown as Problem;
      expect(body.code).toBe('invalid-request');
      expect(body.errors).toEqual([{ path: 'format', message: expect.stringContaining('that year offers 2008, 2015') }]);
      expect(body.offeredFormats).toEqual(['2008', '2015']);
    }
    expect((await api.as(analyst).get('/returns/2023-24?area=durham&format=2024')).statusCode).toBe(200);
    expect((await api.as(analyst).get('/returns/2023-24?area=durham&format=2025')).statusCode).toBe(400);
  });

  it('the 2025-26 return defaults to format 2024: category 4 by level, and the rate on the population aged 10 and over', async () => {
    const body = json(await api.as(analyst).get('/returns/2025-26?area=durham')) as unknown as Return;
    expect(body.format).toBe('2024');
    expect(row(body, 'E01')).toMatchObject({ cat1Level1: 1, cat4Level1: 1, cat4Level2: 1, cat4Level3: 1, cat1: 1, cat4: 3, level1: 2, level2: 1, level3: 1, total: 4 });
    expect(row(body, 'E02')).toEqual({ cat1: 0, cat2: 0, cat3: 0, cat4: 1, total: 1 });
    expect(row(body, 'E03')).toEqual({ cat1: 0, cat2: 0, cat3: 0, cat4: 1, total: 1 });
    // One RSO per 100,000 aged 10 and over; format 2015 rates the same count on all ages (0.5, rounded up to 1) and leaves category 4 out.
    expect(row(body, 'E04')).toEqual({ rate: 1 });
    const f2015 = json(await api.as(analyst).get('/returns/2025-26?area=durham&format=2015')) as unknown as Return;
    expect(row(f2015, 'E01')).toMatchObject({ cat1: 1, total: 1 });
    expect(Object.keys(row(f2015, 'E01')).some((k) => k.startsWith('cat4'))).toBe(false);
    const text = await api.as(analyst).get('/returns/2025-26?area=durham', { accept: 'text/plain' });
    expect(text.body).toContain('Terrorist and Terrorism-risk Offenders\t3\n');
    expect(text.body).toContain('per 100,000 population aged 10 and over\n\n1\n');
  });

  it('a format whose population basis has none recorded rates null: 2024-25 has no population at all', async () => {
    expect(row(json(await api.as(analyst).get('/returns/2024-25?area=durham')) as unknown as Return, 'E04')).toEqual({ rate: null });
  });

  it('GET /areas lists both populations of a year, one per basis', async () => {
    const areas = json(await api.as(analyst).get('/areas')) as { areas: { code: string; populations: { reportingYear: string; basis: string; population: number }[] }[] };
    expect(areas.areas.find((a) => a.code === 'durham')!.populations.map((p) => [p.reportingYear, p.basis, p.population])).toEqual([
      ['2025-26', 'aged-10-plus', 100_000],
      ['2025-26', 'all-ages', 200_000],
    ]);
  });

  it('GET /returns?format=2024 gives only the years that offer it', async () => {
    const series = json(await api.as(analyst).get('/returns?area=durham&format=2024')) as { returns: { reportingYear: string; format: string }[] };
    expect(series.returns.map((r) => r.reportingYear)).toEqual(['2025-26', '2026-27']);
    expect(series.returns.every((r) => r.format === '2024')).toBe(true);
  });

  it('the caseload filters and counts category 4', async () => {
    const listing = json(await api.as(coordinator).get('/caseload?category=4')) as { counts: { total: number; byCategory: Record<string, number> }; cases: { caseId: string; category: number }[] };
    expect(listing.cases.map((c) => [c.caseId, c.category])).toEqual([['r-2', 4], ['t-1', 4], ['t-2', 4]]);
    const counts = json(await api.as(analyst).get('/caseload')) as { counts: { byCategory: Record<string, number> } };
    expect(counts.counts.byCategory).toEqual({ '1': 1, '2': 0, '3': 0, '4': 3, none: 0 });
    expect((await api.as(coordinator).get('/caseload?category=5')).statusCode).toBe(400);
  });

  it('a case reads with its reported category 4 and the terrorism basis as given', async () => {
    const view = json(await api.as(coordinator).get('/cases/t-2')) as { reportedCategory: number; level: number; bases: { kind: string; category: number; terms: Record<string, unknown> }[] };
    expect(view).toMatchObject({ reportedCategory: 4, level: 2 });
    expect(view.bases[0]).toMatchObject({ kind: 'terrorism', category: 4, terms: { subtype: 'terrorism-risk' } });
  });

  it('the OpenAPI document offers format 2024 and the terrorism basis with its subtypes', async () => {
    const doc = (await api.app.inject({ method: 'GET', url: '/docs/json' })).body;
    const openapi = JSON.parse(doc) as { paths: Record<string, { get?: { parameters?: { name: string; schema: { enum?: string[] } }[] } }> };
    const format = openapi.paths['/returns/{reportingYear}']!.get!.parameters!.find((p) => p.name === 'format');
    expect(format?.schema.enum).toEqual(['2008', '2015', '2024']);
    expect(doc).toContain('"terrorist-offender"');
    expect(doc).toContain('"terrorism-risk"');
  });
});
