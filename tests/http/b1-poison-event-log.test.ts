import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteEventStore } from '../../src/infrastructure/eventstore/sqlite/index.js';
import type { Server } from '../../src/infrastructure/http/serve.js';
import { ev, refer, referred, rso, violent } from '../domain/case/support/builders.js';
import { makeTempDir } from '../support/temp-dir.js';
import { answered, bearer, serveOn, writeStraight } from './support/served.js';

const reviewer = { sub: 'rita', role: 'reviewer', agency: 'police', areas: ['cumbria'] } as const;
const coordinator = { sub: 'carl', role: 'coordinator', agency: 'probation', areas: ['cumbria'] } as const;
const analyst = { sub: 'ann', role: 'analyst', agency: 'police', areas: ['cumbria'] } as const;

/** Polls until the read models answer (200), checking every answer on the way is a 503 problem, never a hang. */
async function whenProjected(url: string, authorization: string) {
  for (let attempt = 0; ; attempt++) {
    const answer = await answered(url, { headers: { authorization } });
    if (answer.status === 200) return answer;
    expect(answer.status).toBe(503);
    expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(answer.body).toMatchObject({ code: 'projection-unavailable' });
    if (attempt > 300) throw new Error(`the read models never answered: ${JSON.stringify(answer.body)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * docs/CHECKS.md B1/B2. A log written before dates were bounded may hold a basis ending in 9999: the
 * server starts on it, listens at once, takes commands and serves the case, and its returns
 * count it (the fold stops at the horizon); after a restart, with or without read models, too.
 */
describe('poison event: a log that already holds a basis ending in 9999', () => {
  let server: Server | undefined;
  const dir = makeTempDir('poison');
  afterEach(async () => {
    await server?.stop(0);
    server = undefined;
  });

  it('poison event: the server starts on it, listens, serves commands, case reads and correct returns, and again after a restart', async () => {
    const store = openSqliteEventStore(join(dir.path, 'mappa.db'));
    await writeStraight(store, 'poison-rso', [referred({ basis: rso({ notificationEnds: '9999-06-01' }) })]);
    await writeStraight(store, 'poison-violent', [referred(), ev('EligibilityBasisAdded', '2009-01-01', { basis: violent({ ends: '9999-12-31' }) })]);
    await writeStraight(store, 'poison-reopen', [
      referred(),
      ev('CaseClosed', '2008-06-01', { reason: 'risk-reduced' }),
      ev('CaseReopened', '2008-07-01', { level: 1, basis: rso({ basisId: 'rso-2', notificationEnds: '9999-03-31' }) }),
    ]);
    await writeStraight(store, 'healthy', [referred()]);
    await store.close();

    const starts = ['first start', 'restart', 'restart without read models'];
    for (const [n, restart] of starts.entries()) {
      if (restart === 'restart without read models') for (const suffix of ['', '-wal', '-shm']) rmSync(join(dir.path, `read-models.db${suffix}`), { force: true });
      const served = await serveOn(dir.path);
      server = served.server;
      const { base } = served;
      expect((await answered(`${base}/health/live`)).status, restart).toBe(200);
      const created = await answered(`${base}/cases/new-${restart.length}/commands`, {
        method: 'POST', headers: { authorization: await bearer(coordinator), 'content-type': 'application/json' }, body: JSON.stringify(refer({ occurredOn: '2020-01-01' })),
      });
      expect(created.status, restart).toBe(201);
      const read = await answered(`${base}/cases/poison-rso`, { headers: { authorization: await bearer(reviewer) } });
      expect(read.status).toBe(200);
      expect(read.body['bases']).toEqual([expect.objectContaining({ lastDay: '9999-06-01' })]);
      expect((await answered(`${base}/cases/poison-violent/events`, { headers: { authorization: await bearer(reviewer) } })).status).toBe(200);

      const year = await whenProjected(`${base}/returns/2008-09?area=cumbria`, await bearer(analyst));
      const rows = year.body['rows'] as { id: string; cells: Record<string, number> }[];
      expect(rows.find((r) => r.id === 'R01')!.cells, restart).toEqual({ cat1: 4, cat2: 0, cat3: 0, total: 4 });
      // The last reporting year answered: the four, and the cases referred in 2020 by each start (once projected).
      const lastYear = async () => {
        const last = await answered(`${base}/returns/2199-00?area=cumbria&format=2008`, { headers: { authorization: await bearer(analyst) } });
        return (last.body['rows'] as { id: string; cells: Record<string, number> }[])[0]!.cells;
      };
      await expect.poll(lastYear, { timeout: 10_000 }).toEqual({ cat1: 5 + n, cat2: 0, cat3: 0, total: 5 + n });
      expect((await answered(`${base}/returns/2200-01?area=cumbria`, { headers: { authorization: await bearer(analyst) } })).status).toBe(400);
      await server.stop(0);
      server = undefined;
    }
    dir.remove();
  }, 120_000);
});
