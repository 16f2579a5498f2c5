import { afterEach, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/infrastructure/clock.js';
import { caseCommandHandler } from '../../src/infrastructure/command-handler/handle-case-command.js';
import { streams } from '../../src/infrastructure/eventstore/stream-names.js';
import { openMemoryEventStore } from '../../src/infrastructure/eventstore/memory.js';
import type { CaseCommand } from '../../src/domain/case/commands.js';
import type { Principal } from '../../src/infrastructure/auth/principal.js';
import { buildApp } from '../../src/infrastructure/http/app.js';
import { refer } from '../domain/case/support/builders.js';
import { principal, startApi, TEST_NOW, testConfig, testTokens, tokenFor, type Caller, type TestApi } from './support/api.js';
import { countingStreamReads } from './support/counting-store.js';

const EVENTS = 2000;
const REQUESTS = 25;
const KENT = streams.case('kent-big');

/** Every kind of request a caller outside kent can make about the case, and its answer. */
function probes(coordinator: Caller, reviewer: Caller, caseId: string) {
  return [
    () => coordinator.command(caseId, { type: 'ChangeLocalUnit', occurredOn: '2009-01-01', localUnit: 'X' }),
    () => coordinator.command(caseId, { type: 'CloseCase', occurredOn: '2009-01-01', reason: 'other' }, { 'if-match': `"${EVENTS - 1}"` }),
    (n: number) => coordinator.command(caseId, { type: 'TransferCase', occurredOn: '2009-01-01', toArea: 'cumbria' }, { 'idempotency-key': `probe-${caseId}-${n}` }),
    () => reviewer.get(`/cases/${caseId}`),
    () => reviewer.get(`/cases/${caseId}?asOf=2009-01-01`),
    () => reviewer.get(`/cases/${caseId}/events?limit=5`),
  ];
}

/**
 * The defect: a 404 for a case outside the caller's areas with 2,000 events took 12.5 ms
 * against 1.9 ms for an absent id, because the stream was read and folded to find the case's
 * area; one request told them apart. Visibility is now decided from the area index and the
 * stream's version before the stream is read: counted here as stream reads (not timed), over
 * many requests of every kind, for a case this process wrote and for one only the read models
 * (filled from the log at start) know.
 */
describe('a 404 for a case outside the caller\'s areas read the whole stream', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => close?.());

  const kentActor = { id: 'kent-1', role: 'coordinator', agency: 'police' } as const;
  const bigKentCase = async (send: (body: CaseCommand) => Promise<void>) => {
    await send(refer({ area: 'kent' }));
    for (let i = 1; i < EVENTS; i++) await send({ type: 'ChangeLocalUnit', occurredOn: '2009-01-01', localUnit: `unit-${i}` });
  };

  /** This server wrote the case: its handler noted the area (no read models behind it here). */
  async function writtenHere() {
    const counted = countingStreamReads(openMemoryEventStore());
    const app = await buildApp({ config: testConfig, store: counted.store, tokens: testTokens, clock: manualClock(TEST_NOW) });
    close = async () => {
      await app.close();
      await counted.store.close();
    };
    const kent = { authorization: `Bearer ${await tokenFor(principal('coordinator', { sub: 'kent-1', areas: ['kent'] }))}`, 'content-type': 'application/json' };
    await bigKentCase(async (body) => {
      const response = await app.inject({ method: 'POST', url: '/cases/kent-big/commands', headers: kent, payload: JSON.stringify(body) });
      expect(response.statusCode).toBeLessThan(300);
    });
    const as = (who: Principal): Caller => ({
      request: async (options) => app.inject({ ...options, headers: { authorization: `Bearer ${await tokenFor(who)}`, ...(options.headers as Record<string, string>) } }),
      command: async (caseId, body, headers = {}) =>
        app.inject({ method: 'POST', url: `/cases/${caseId}/commands`, payload: JSON.stringify(body), headers: { authorization: `Bearer ${await tokenFor(who)}`, 'content-type': 'application/json', ...headers } }),
      get: async (url, headers = {}) => app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${await tokenFor(who)}`, ...headers } }),
    });
    return { as, counted };
  }

  /** Another process wrote the case (as `mappa import` would): only the read models, following the log, know its area. */
  async function writtenElsewhere() {
    const counted = countingStreamReads(openMemoryEventStore());
    const api: TestApi = await startApi({ store: counted.store });
    close = () => api.close();
    const elsewhere = caseCommandHandler({ store: counted.store, clock: manualClock(TEST_NOW) });
    await bigKentCase(async (body) => {
      expect((await elsewhere('kent-big', body, { actor: kentActor, areas: ['kent'] })).kind).toBe('accepted');
    });
    await api.projections.caughtUpTo((await counted.store.headPosition())!);
    return { as: (who: Principal) => api.as(who), counted };
  }

  it.each([
    ['written through this server', writtenHere, 0],
    ['written by another process (known from the read models only)', writtenElsewhere, 1],
  ] as const)('%s: every out-of-area request answers 404 without reading the case\'s stream', async (_name, setup, firstReads) => {
    const { as, counted } = await setup();
    expect(await counted.store.streamVersion(KENT)).toBe(EVENTS - 1);
    counted.reset();
    const coordinator = as(principal('coordinator', { sub: 'cumbria-1', areas: ['cumbria'] }));
    const reviewer = as(principal('reviewer', { sub: 'cumbria-r', areas: ['cumbria'] }));
    for (let n = 0; n < REQUESTS; n++) {
      for (const [i, probe] of probes(coordinator, reviewer, 'kent-big').entries()) {
        expect({ probe: i, status: (await probe(n)).statusCode }).toEqual({ probe: i, status: 404 });
      }
      for (const probe of probes(coordinator, reviewer, 'absent-id')) expect((await probe(n)).statusCode).toBe(404);
    }
    expect(counted.reads(KENT)).toBe(0);
    expect(counted.reads(streams.case('absent-id'))).toBe(0);

    // The counter does see reads: kent's reviewer reads the case at most once, then from the cached fold.
    const kentReviewer = as(principal('reviewer', { sub: 'kent-r', areas: ['kent'] }));
    for (let n = 0; n < 5; n++) expect((await kentReviewer.get('/cases/kent-big')).statusCode).toBe(200);
    expect(counted.reads(KENT)).toBe(firstReads);
  });
});
