import { describe, expect, it } from 'vitest';
import { streams } from '../../src/infrastructure/eventstore/stream-names.js';
import { ProjectionsInThread } from '../../src/infrastructure/read-models/projections-in-thread.js';
import { refer } from '../domain/case/support/builders.js';
import { useAdapter } from '../infrastructure/eventstore/eventstoredb/use-adapter.js';
import { allEvents, json, principal, startApi } from './support/api.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Issue 7's fault test: EventStoreDB stops and comes back on the same port while coordinators
 * send commands. Each command carries an Idempotency-Key and is retried on 503, as a client
 * should; in the end every command is in the log exactly once.
 */
describe('the API while EventStoreDB restarts under load', () => {
  const esdb = useAdapter();

  it('answers 503 (never 500) while the store is down, recovers without a restart, loses and doubles nothing', async () => {
    const api = await startApi({ store: esdb.store });
    const coordinator = api.as(principal('coordinator', { areas: '*' }));
    const statuses = new Map<number, number>();
    const acknowledged: { caseId: string; eventIds: string[] }[] = [];
    let stop = false;

    async function send(caseId: string, body: unknown, key: string): Promise<void> {
      for (;;) {
        const response = await coordinator.command(caseId, body, { 'idempotency-key': key });
        statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
        if (response.statusCode === 503) {
          expect(String(response.headers['content-type'])).toMatch(/^application\/problem\+json/);
          await sleep(50);
          continue;
        }
        expect([200, 201]).toContain(response.statusCode);
        acknowledged.push({ caseId, eventIds: (json(response)['events'] as { eventId: string }[]).map((e) => e.eventId) });
        return;
      }
    }

    const workers = Array.from({ length: 6 }, async (_, worker) => {
      for (let n = 0; !stop; n++) {
        const caseId = `w${worker}-c${n}`;
        await send(caseId, refer({ occurredOn: '2020-01-01' }), `${caseId}-refer`);
        await send(caseId, { type: 'ChangeLocalUnit', occurredOn: '2020-02-01', localUnit: 'West BCU' }, `${caseId}-unit`);
      }
    });
    await sleep(400);
    await esdb.server.stop();
    await sleep(800);
    await esdb.server.start();
    await sleep(600);
    stop = true;
    await Promise.all(workers);

    expect(statuses.get(500)).toBeUndefined();
    expect(statuses.get(503)).toBeGreaterThan(0);
    expect(acknowledged.length).toBeGreaterThan(20);

    // Every acknowledged command is readable, and no event is stored twice.
    const stored = (await allEvents(esdb.store)).filter((e) => e.streamName.startsWith(streams.casePrefix));
    const storedIds = stored.map((e) => e.eventId);
    expect(new Set(storedIds).size).toBe(storedIds.length);
    const ackedIds = acknowledged.flatMap((a) => a.eventIds);
    expect(new Set(storedIds)).toEqual(new Set(ackedIds));
    for (const { caseId } of acknowledged) {
      expect((await esdb.store.readStream(streams.case(caseId))).map((e) => e.type)).toEqual(['OffenderReferred', 'LocalUnitChanged']);
    }

    // The API took traffic again without a restart; the projections resumed and equal a rebuild.
    const after = await coordinator.command('after-restart', refer({ occurredOn: '2020-01-01' }));
    expect(after.statusCode).toBe(201);
    const last = (await allEvents(esdb.store)).filter((e) => e.streamName.startsWith(streams.casePrefix)).at(-1)!;
    await api.projections.caughtUpTo(last.globalPosition, 20_000);
    expect(api.projections.status()).toMatchObject({ state: 'running', error: null });
    const rebuilt = new ProjectionsInThread(esdb.store, ':memory:');
    await rebuilt.catchUp();
    const query = { area: 'cumbria', reportingYear: '2020-21' };
    expect(JSON.stringify(await api.projections.annualReturn(query))).toBe(JSON.stringify(await rebuilt.annualReturn(query)));
    expect(JSON.parse(JSON.stringify(await rebuilt.annualReturn(query))).rows[0].cells.total).toBe(acknowledged.length / 2 + 1);
    await rebuilt.close();
    await api.close();
  });
});
