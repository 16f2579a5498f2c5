import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { accessLog as accessLogWriter } from '../../src/infrastructure/access-log/writer.js';
import { systemClock } from '../../src/infrastructure/clock.js';
import { openSqliteEventStore, type SqliteEventStore } from '../../src/infrastructure/eventstore/sqlite/index.js';
import { buildApp } from '../../src/infrastructure/http/app.js';
import { projectionRoutes } from '../../src/infrastructure/http/projection-routes.js';
import type { Server } from '../../src/infrastructure/http/serve.js';
import { indexedAccessLog } from '../../src/infrastructure/read-models/access-log-query.js';
import { knownAtInWorker } from '../../src/infrastructure/read-models/known-at-returns.js';
import { projectCase } from '../../src/infrastructure/read-models/project-case.js';
import type { ProjectionService } from '../../src/infrastructure/read-models/projection-service.js';
import { ProjectionsInThread } from '../../src/infrastructure/read-models/projections-in-thread.js';
import { ProjectionsInWorker } from '../../src/infrastructure/read-models/projections-in-worker.js';
import { refer, referred } from '../domain/case/support/builders.js';
import { makeTempDir } from '../support/temp-dir.js';
import { principal, testConfig, testTokens, tokenFor } from './support/api.js';
import { answered, bearer, serveOn, writeStraight } from './support/served.js';

const reviewer = { sub: 'rita', role: 'reviewer', agency: 'police', areas: ['cumbria'] } as const;
const coordinator = { sub: 'carl', role: 'coordinator', agency: 'probation', areas: ['cumbria'] } as const;
const analyst = { sub: 'ann', role: 'analyst', agency: 'police', areas: ['cumbria'] } as const;
const admin = { sub: 'ada', role: 'admin', agency: 'other', areas: '*' } as const;
const auditor = { sub: 'aud', role: 'auditor', agency: 'other', areas: '*' } as const;

/** docs/CHECKS.md B2: a projection that fails or lags never stops commands, case reads or health; its routes say why. */
describe('projection isolation', () => {
  const cleanups: (() => Promise<unknown> | unknown)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  function storeIn(label: string): { dir: string; store: SqliteEventStore } {
    const dir = makeTempDir(label);
    const store = openSqliteEventStore(join(dir.path, 'mappa.db'));
    cleanups.push(() => dir.remove(), () => store.close());
    return { dir: dir.path, store };
  }

  it('a projection that throws on an event: the server still serves everything else; its routes answer 503 with the reason', async () => {
    const { dir, store } = storeIn('b2-throws');
    await writeStraight(store, 'healthy', [referred()]);
    await writeStraight(store, 'abducted', [referred(), { type: 'OffenderAbducted', data: { occurredOn: '2009-01-01' } }]);
    await store.close();
    let server: Server | undefined;
    cleanups.push(() => server?.stop(0));
    const served = await serveOn(dir);
    server = served.server;
    const { base } = served;
    const get = async (path: string, who: Parameters<typeof bearer>[0]) => answered(`${base}${path}`, { headers: { authorization: await bearer(who) } });

    await expect.poll(async () => (await get('/returns/2008-09?area=cumbria', analyst)).body['reasons'], { timeout: 20_000 }).toEqual(['failed']);
    const returns = await get('/returns/2008-09?area=cumbria', analyst);
    expect(returns.status).toBe(503);
    expect(returns.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(returns.headers.get('retry-after')).toBeNull();
    expect(returns.body).toMatchObject({ code: 'projection-unavailable', status: 503 });
    expect(String(returns.body['detail'])).toMatch(/stopped on an event they cannot apply: .*OffenderAbducted v1: unknown event type/);
    expect((await get('/caseload', coordinator)).status).toBe(503);
    const status = await get('/admin/projections', admin);
    expect(status.status).toBe(503);
    expect(status.body['projections']).toMatchObject({ state: 'failed', error: expect.stringMatching(/OffenderAbducted/), accessLog: { state: 'running' } });

    expect((await answered(`${base}/health/live`)).status).toBe(200);
    const created = await answered(`${base}/cases/after/commands`, {
      method: 'POST', headers: { authorization: await bearer(coordinator), 'content-type': 'application/json' }, body: JSON.stringify(refer({ occurredOn: '2020-01-01' })),
    });
    expect(created.status).toBe(201);
    expect((await get('/cases/after', reviewer)).status).toBe(200);
    expect((await get('/cases/healthy/events', reviewer)).status).toBe(200);
    // The access log's index follows on its own; a return as known at an instant folds the log.
    const audit = await get('/audit?caseId=after', auditor);
    expect(audit.status).toBe(200);
    expect(audit.body['records']).toHaveLength(1);
  }, 60_000);

  it('a rebuild in the worker swaps the read models under the server thread, which reads the new file', async () => {
    const { dir, store } = storeIn('b2-rebuild');
    await writeStraight(store, 'one', [referred()]);
    await store.close();
    let server: Server | undefined;
    cleanups.push(() => server?.stop(0));
    const served = await serveOn(dir);
    server = served.server;
    const { base } = served;
    const get = async (path: string, who: Parameters<typeof bearer>[0], init: RequestInit = {}) =>
      answered(`${base}${path}`, { ...init, headers: { authorization: await bearer(who), ...init.headers } }, 30_000);
    const r01 = async () => ((await get('/returns/2008-09?area=cumbria', analyst)).body['rows'] as { cells: Record<string, number> }[] | undefined)?.[0]?.cells['cat1'];
    await expect.poll(r01, { timeout: 20_000 }).toBe(1);
    const created = await get('/cases/two/commands', coordinator, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(refer()) });
    expect(created.status).toBe(201);
    await expect.poll(r01, { timeout: 10_000 }).toBe(2);

    const rebuilt = await get('/admin/projections/rebuild', admin, { method: 'POST' });
    expect(rebuilt.status).toBe(200);
    expect(rebuilt.body).toMatchObject({ cases: 2 });
    expect(await r01()).toBe(2);
    await expect.poll(async () => (await get('/admin/projections', admin)).status, { timeout: 10_000 }).toBe(200);
    expect((await get('/admin/projections', admin)).body).toMatchObject({ state: 'running', rebuilding: false, accessLog: { state: 'running' } });
    const third = await get('/cases/three/commands', coordinator, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(refer()) });
    expect(third.status).toBe(201);
    await expect.poll(r01, { timeout: 10_000 }).toBe(3);
    // The fresh file's access-log index is built again from the log, and reads its own writes.
    expect((await get('/cases/two', reviewer)).status).toBe(200);
    expect((await get('/audit?actor=rita', auditor)).body['records']).toEqual([expect.objectContaining({ caseIds: ['two'] })]);
  }, 90_000);

  /** The API over a projection service, for the tests that give the projections their own fold. */
  async function appOver(store: SqliteEventStore, projections: ProjectionService): Promise<FastifyInstance> {
    const accessLog = accessLogWriter({ store, clock: systemClock });
    const app = await buildApp({
      config: testConfig, store, tokens: testTokens, accessLog,
      accessLogPages: indexedAccessLog(store, projections, { waitMs: 2000 }),
      routes: projectionRoutes(projections, { clock: systemClock, accessLog }),
    });
    cleanups.push(() => app.close());
    return app;
  }

  const as = async (app: FastifyInstance, who: Parameters<typeof tokenFor>[0], url: string, body?: unknown) =>
    app.inject({
      method: body === undefined ? 'GET' : 'POST', url,
      headers: { authorization: `Bearer ${await tokenFor(who)}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
      ...(body !== undefined && { payload: JSON.stringify(body) }),
    });

  it('a fold that never ends, in the worker: health, commands and case reads stay prompt; the returns answer 503 saying it is stuck', async () => {
    const { dir, store } = storeIn('b2-stalls');
    await writeStraight(store, 'healthy', [referred()]);
    const path = join(dir, 'read-models.db');
    const location = { kind: 'sqlite', path: join(dir, 'mappa.db') } as const;
    const projections = new ProjectionsInWorker({ location, path, knownAt: knownAtInWorker(location), entry: new URL('../support/stalling-projection-worker.ts', import.meta.url) });
    cleanups.push(() => projections.close());
    projections.startInBackground();
    const app = await appOver(store, projections);
    const analystHere = principal('analyst');
    await expect.poll(async () => (await as(app, analystHere, '/returns/2008-09?area=cumbria')).statusCode, { timeout: 20_000 }).toBe(200);

    expect((await as(app, principal('coordinator'), '/cases/stuck/commands', refer())).statusCode).toBe(201);
    // The worker's thread is now spinning; this thread is not.
    await expect
      .poll(async () => json(await as(app, analystHere, '/returns/2008-09?area=cumbria')), { timeout: 15_000, interval: 250 })
      .toMatchObject({ status: 503, code: 'projection-unavailable', reasons: ['stalled'] });
    const stalled = await as(app, analystHere, '/returns/2008-09?area=cumbria');
    expect(stalled.headers['retry-after']).toBe('5');
    for (let i = 0; i < 20; i++) {
      const started = performance.now();
      expect((await app.inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
      expect((await as(app, principal('coordinator'), `/cases/more-${i}/commands`, refer())).statusCode).toBe(201);
      expect((await as(app, principal('reviewer'), '/cases/stuck')).statusCode).toBe(200);
      // Not a timing assertion on the figure: a frozen event loop would take the whole stall.
      expect(performance.now() - started).toBeLessThan(2000);
    }
    // A return as known at an instant does not need the stuck read models.
    expect((await as(app, analystHere, '/returns/2008-09?area=cumbria&knownAt=2030-01-01T00:00:00Z')).statusCode).toBe(200);
  }, 90_000);

  it('a fold that throws, in this thread (the in-memory set-up): the projection fails, its routes answer 503, the rest serves', async () => {
    const { store } = storeIn('b2-in-thread');
    const projections = new ProjectionsInThread(store, ':memory:', {
      project: (caseId, entries) => {
        if (caseId === 'bad') throw new Error('the fold broke on case bad');
        return projectCase(caseId, entries);
      },
    });
    cleanups.push(() => projections.close());
    await projections.startInBackground();
    const app = await appOver(store, projections);
    expect((await as(app, principal('analyst'), '/returns/2008-09?area=cumbria')).statusCode).toBe(200);
    expect((await as(app, principal('coordinator'), '/cases/bad/commands', refer())).statusCode).toBe(201);
    await expect
      .poll(async () => json(await as(app, principal('analyst'), '/returns/2008-09?area=cumbria')), { timeout: 10_000 })
      .toMatchObject({ status: 503, reasons: ['failed'], detail: expect.stringContaining('the fold broke on case bad') });
    expect((await as(app, principal('coordinator'), '/cases/good/commands', refer())).statusCode).toBe(201);
    expect((await as(app, principal('reviewer'), '/cases/bad')).statusCode).toBe(200);
    expect((await as(app, principal('admin', { areas: '*' }), '/admin/projections')).statusCode).toBe(503);
  });
});

const json = (response: { body: string }) => JSON.parse(response.body) as Record<string, unknown>;
