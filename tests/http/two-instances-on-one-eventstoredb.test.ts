import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/infrastructure/auth/actor.js';
import { loadConfig } from '../../src/infrastructure/config.js';
import { streams } from '../../src/infrastructure/eventstore/stream-names.js';
import { serve, type Server } from '../../src/infrastructure/http/serve.js';
import { EsdbTestServer } from '../support/esdb-test-server/index.js';
import { makeTempDir } from '../support/temp-dir.js';
import { principal, TEST_AUDIENCE, TEST_ISSUER, TEST_SECRET, tokenFor } from './support/api.js';

type Instance = { readonly name: 'a' | 'b'; readonly server: Server; readonly base: string };
type Answer = { readonly status: number; readonly body: { code?: string; events?: Array<{ eventId: string }> } };

const AREAS = ['cumbria', 'lancashire', 'durham'] as const;
const CASES = 24;

/** One case's life, dated before today so the system clock of serve() accepts every command. */
function script(n: number): Array<Record<string, unknown>> {
  const month = String(1 + (n % 9)).padStart(2, '0');
  const leveled = n % 2 === 0;
  return [
    {
      type: 'ReferOffender', occurredOn: `2024-${month}-01`, area: AREAS[n % AREAS.length], localUnit: 'North BCU', leadAgency: 'police',
      subject: { ref: `SUBJ-${1000 + n}`, dateOfBirth: '1975-06-01' },
      basis: { kind: 'registered-sexual-offender', basisId: 'rso-1', relevantDate: '2023-11-10', disposal: 'custody', custodialMonths: 36 },
      level: 1,
    },
    ...(leveled ? [{ type: 'SetManagementLevel', occurredOn: `2024-${month}-10`, level: 2 }] : []),
    ...(leveled
      ? [{ type: 'RecordMappMeeting', occurredOn: `2024-${month}-15`, meetingId: 'm1', level: 2, kind: 'initial', agencies: ['police', 'probation'], nextReviewDue: '2025-09-15' }]
      : []),
    { type: 'ChangeLocalUnit', occurredOn: `2024-${month}-20`, localUnit: 'South BCU' },
    ...(n % 3 === 1 ? [{ type: 'ChangeLeadAgency', occurredOn: '2025-01-05', leadAgency: 'probation' }] : []),
    ...(n % 4 === 3 ? [{ type: 'CloseCase', occurredOn: '2025-02-01', reason: 'risk-reduced' }] : []),
  ];
}

/**
 * Issue 17: two engine instances, each started as `mappa serve` starts (store, projections, app,
 * listener) with read models of its own, on one EventStoreDB. Commands reach both; a case's
 * commands alternate between them, so each usually decides on a cached case the other has moved
 * on; the same case is contended from both at once; and both end with the same returns and
 * caseload, byte for byte.
 */
describe('two engine instances on one EventStoreDB', () => {
  const dir = makeTempDir('two-instances');
  let esdb: EsdbTestServer;
  let a: Instance;
  let b: Instance;

  const start = async (name: 'a' | 'b'): Promise<Instance> => {
    const loaded = loadConfig({
      NODE_ENV: 'test', PORT: '0', MAPPA_STORE: esdb.connectionString, MAPPA_DATA_DIR: dir.path,
      MAPPA_READ_MODELS: join(dir.path, `read-models-${name}.db`), MAPPA_JWT_SECRET: TEST_SECRET,
      MAPPA_JWT_ISSUER: TEST_ISSUER, MAPPA_JWT_AUDIENCE: TEST_AUDIENCE, MAPPA_LOG_LEVEL: 'silent', MAPPA_RATE_LIMIT_MAX: '1000000',
    });
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
    const server = await serve(loaded.config);
    const address = server.app.server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    return { name, server, base: `http://127.0.0.1:${address.port}` };
  };

  beforeAll(async () => {
    esdb = await EsdbTestServer.start();
    [a, b] = await Promise.all([start('a'), start('b')]);
  });
  afterAll(async () => {
    await a?.server.stop(0);
    await b?.server.stop(0);
    await esdb?.stop();
    dir.remove();
  });

  const bearer = (role: Role) => tokenFor(principal(role, { areas: '*' })).then((token) => `Bearer ${token}`);
  const command = async (on: Instance, caseId: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> => {
    const response = await fetch(`${on.base}/cases/${caseId}/commands`, {
      method: 'POST',
      headers: { authorization: await bearer('coordinator'), 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Answer['body'] };
  };
  const read = async (on: Instance, path: string, role: Role): Promise<string> => {
    const response = await fetch(`${on.base}${path}`, { headers: { authorization: await bearer(role) } });
    expect(response.status, `${on.name} ${path}`).toBe(200);
    return response.text();
  };
  const storedIds = async (caseId: string) => (await a.server.store.readStream(streams.case(caseId))).map((event) => event.eventId);
  const acceptedIds = (answers: readonly Answer[]) => answers.flatMap((answer) => (answer.body.events ?? []).map((event) => event.eventId));
  const accepted = (answer: Answer) => answer.status === 200 || answer.status === 201;

  it('takes commands on both, each case alternating between them: every case holds exactly the accepted events', async () => {
    const conflictsBefore = esdb.calls.batchAppendConflicts;
    const answers = await Promise.all(
      Array.from({ length: CASES }, async (_, n) => {
        const caseAnswers: Answer[] = [];
        for (const [index, body] of script(n).entries()) {
          const answer = await command((n + index) % 2 === 0 ? a : b, `two-${n}`, body);
          expect(answer.status, JSON.stringify(answer.body)).toBe(201);
          caseAnswers.push(answer);
        }
        return caseAnswers;
      }),
    );
    for (let n = 0; n < CASES; n++) expect(await storedIds(`two-${n}`)).toEqual(acceptedIds(answers[n]!));
    // An instance deciding on a case the other had moved on was refused by the store and decided again.
    expect(esdb.calls.batchAppendConflicts - conflictsBefore).toBeGreaterThan(CASES);
  });

  describe('the same case contended from both at once', () => {
    /** A case both instances have decided on: each holds it in its cache, A's one version behind. */
    const prepared = async (caseId: string): Promise<number> => {
      expect((await command(a, caseId, script(1)[0])).status).toBe(201);
      const second = await command(b, caseId, { type: 'ChangeLocalUnit', occurredOn: '2024-03-01', localUnit: 'West BCU' });
      expect(second.status).toBe(201);
      return 1;
    };
    /** Both commands at once; the stream grows by exactly the events of the accepted ones, and some append lost a race. */
    const contended = async (caseId: string, fromA: unknown, fromB: unknown, headers: Record<string, string> = {}) => {
      const before = await storedIds(caseId);
      const conflicts = esdb.calls.batchAppendConflicts;
      const answers = await Promise.all([command(a, caseId, fromA, headers), command(b, caseId, fromB, headers)]);
      expect(esdb.calls.batchAppendConflicts).toBeGreaterThan(conflicts);
      const after = await storedIds(caseId);
      expect(after.slice(0, before.length)).toEqual(before);
      expect(new Set(after.slice(before.length))).toEqual(new Set(acceptedIds(answers)));
      expect(after.length - before.length).toBe(acceptedIds(answers).length);
      return answers;
    };

    it('with the same If-Match: one wins, the other answers 412, the stream grows by the winner’s events', async () => {
      for (let round = 0; round < 6; round++) {
        const caseId = `if-match-${round}`;
        const version = await prepared(caseId);
        // A no-op brings A's cache up to date: both now decide on version 1 and race at the store.
        expect((await command(a, caseId, { type: 'ChangeLocalUnit', occurredOn: '2024-03-02', localUnit: 'West BCU' })).status).toBe(200);
        const answers = await contended(
          caseId,
          { type: 'ChangeLocalUnit', occurredOn: '2024-04-01', localUnit: 'East BCU' },
          { type: 'ChangeLeadAgency', occurredOn: '2024-04-01', leadAgency: 'probation' },
          { 'if-match': `"${version}"` },
        );
        expect(answers.filter(accepted)).toHaveLength(1);
        expect(answers.find((answer) => !accepted(answer))).toMatchObject({ status: 412, body: { code: 'version-mismatch' } });
      }
    });

    it('without If-Match: the loser re-decides on the winner’s events, and both are accepted', async () => {
      for (let round = 0; round < 6; round++) {
        const caseId = `re-decide-${round}`;
        await prepared(caseId);
        const answers = await contended(
          caseId,
          { type: 'ChangeLocalUnit', occurredOn: '2024-04-01', localUnit: 'East BCU' },
          { type: 'SetManagementLevel', occurredOn: '2024-04-01', level: 3 },
        );
        expect(answers.map((answer) => answer.status)).toEqual([201, 201]);
      }
    });

    it('without If-Match, a command only one can win: the loser re-decides and is refused by the rule', async () => {
      for (let round = 0; round < 6; round++) {
        const caseId = `close-${round}`;
        await prepared(caseId);
        const close = { type: 'CloseCase', occurredOn: '2024-04-01', reason: 'risk-reduced' };
        const answers = await contended(caseId, close, close);
        expect(answers.filter(accepted)).toHaveLength(1);
        expect(answers.find((answer) => !accepted(answer))).toMatchObject({ status: 422, body: { code: 'case-closed' } });
      }
    });

    it('the same referral on both: one case, the other answers case-already-exists', async () => {
      for (let round = 0; round < 6; round++) {
        const caseId = `refer-${round}`;
        const answers = await contended(caseId, script(round)[0], script(round + 1)[0]);
        expect(answers.filter(accepted)).toHaveLength(1);
        expect(answers.find((answer) => !accepted(answer))).toMatchObject({ status: 422, body: { code: 'case-already-exists' } });
      }
    });
  });

  it('both instances’ read models converge: the same returns and caseload, byte for byte', async () => {
    const caseEvents = [];
    for await (const event of a.server.store.readAll({ streamPrefixes: [streams.casePrefix] })) caseEvents.push(event);
    const last = caseEvents.at(-1)!.globalPosition;
    await Promise.all([a.server.projections.caughtUpTo(last, 20_000), b.server.projections.caughtUpTo(last, 20_000)]);

    const views: Array<[string, Role]> = [
      ['/returns/2024-25?area=england-and-wales', 'analyst'],
      ['/returns/2024-25?area=cumbria&format=2008', 'analyst'],
      ['/caseload?limit=5000', 'reviewer'],
      ['/caseload', 'analyst'],
      ...Array.from({ length: CASES }, (_, n): [string, Role] => [`/cases/two-${n}`, 'reviewer']),
    ];
    for (const [path, role] of views) expect(await read(b, path, role), path).toBe(await read(a, path, role));

    const caseload = JSON.parse(await read(a, '/caseload?limit=5000', 'reviewer')) as { cases: Array<{ caseId: string }> };
    const open = Array.from({ length: CASES }, (_, n) => n).filter((n) => n % 4 !== 3).length;
    expect(caseload.cases.filter((entry) => entry.caseId.startsWith('two-'))).toHaveLength(open);
    const national = JSON.parse(await read(a, '/returns/2024-25?area=england-and-wales', 'analyst')) as { rows: unknown[] };
    expect(JSON.stringify(national.rows)).toMatch(/[1-9]/);
  });
});
