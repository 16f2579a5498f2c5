import { personalDataInMemoryFor } from '../../../src/infrastructure/personal-data/personal-data.js';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Logger } from 'pino';
import type { AccessLog } from '../../../src/infrastructure/access-log/writer.js';
import type { Role } from '../../../src/infrastructure/auth/actor.js';
import { mintToken } from '../../../src/infrastructure/auth/mint-token.js';
import type { Principal } from '../../../src/infrastructure/auth/principal.js';
import type { TokenSettings } from '../../../src/infrastructure/auth/verify-token.js';
import { manualClock } from '../../../src/infrastructure/clock.js';
import type { Config } from '../../../src/infrastructure/config.js';
import type { EventStore } from '../../../src/infrastructure/eventstore/eventstore.js';
import { openMemoryEventStore } from '../../../src/infrastructure/eventstore/memory.js';
import { accessLog as accessLogWriter } from '../../../src/infrastructure/access-log/writer.js';
import { buildApp } from '../../../src/infrastructure/http/app.js';
import type { SubjectKeys } from '../../../src/infrastructure/personal-data/subject-keys.js';
import { projectionRoutes, submissionRoutes } from '../../../src/infrastructure/http/projection-routes.js';
import { indexedAccessLog } from '../../../src/infrastructure/read-models/access-log-query.js';
import { ProjectionsInThread } from '../../../src/infrastructure/read-models/projections-in-thread.js';
import { webRoutes } from '../../../src/infrastructure/web/web-routes.js';

export const TEST_SECRET = 'a-test-secret-for-the-http-suite-0123456789';
export const TEST_ISSUER = 'https://idp.test.mappa';
export const TEST_AUDIENCE = 'mappa-api';
export const TEST_NOW = '2026-11-24T10:00:00.000Z';

export const testTokens: TokenSettings = {
  verification: { algorithm: 'HS256', key: new TextEncoder().encode(TEST_SECRET) },
  issuer: TEST_ISSUER,
  audience: TEST_AUDIENCE,
};

export const testConfig: Pick<Config, 'logLevel' | 'bodyLimitBytes' | 'rateLimit'> = {
  logLevel: 'silent',
  bodyLimitBytes: 64 * 1024,
  rateLimit: { max: 1_000_000, windowMs: 60_000 },
};

export const principal = (role: Role, overrides: Partial<Principal> = {}): Principal => ({
  sub: `${role}-1`,
  role,
  agency: role === 'coordinator' ? 'probation' : 'police',
  areas: ['cumbria'],
  ...overrides,
});

export function tokenFor(who: Principal, ttlSeconds = 3600): Promise<string> {
  return mintToken(who, { secret: TEST_SECRET, ttlSeconds, issuer: TEST_ISSUER, audience: TEST_AUDIENCE });
}

export type TestApi = {
  readonly app: FastifyInstance;
  readonly store: EventStore;
  readonly clock: ReturnType<typeof manualClock>;
  /** The read models behind /caseload and /returns, following the store live. */
  readonly projections: ProjectionsInThread;
  /** A request as this principal (a fresh token each time). */
  as(who: Principal): Caller;
  anonymous: Caller;
  close(): Promise<void>;
};

export type Caller = {
  command(caseId: string, body: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  get(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  request(options: InjectOptions): Promise<LightMyRequestResponse>;
};

export type ApiOptions = {
  readonly store?: EventStore;
  readonly config?: Partial<typeof testConfig>;
  readonly logger?: Logger;
  readonly accessLog?: AccessLog;
  readonly now?: string;
  /** The subjects' data keys (in memory by default, as buildApp's). */
  readonly keys?: SubjectKeys;
};

function caller(app: FastifyInstance, token: () => Promise<string | undefined>): Caller {
  const request = async (options: InjectOptions) => {
    const bearer = await token();
    const headers = { ...(bearer !== undefined && { authorization: `Bearer ${bearer}` }), ...(options.headers as Record<string, string> | undefined) };
    return app.inject({ ...options, headers });
  };
  return {
    request,
    command: (caseId, body, headers = {}) =>
      request({ method: 'POST', url: `/cases/${caseId}/commands`, payload: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } }),
    get: (url, headers = {}) => request({ method: 'GET', url, headers }),
  };
}

/** The HTTP API in-process on a store (memory by default), with a clock tests can move. */
export async function startApi(options: ApiOptions = {}): Promise<TestApi> {
  const store = options.store ?? openMemoryEventStore();
  const clock = manualClock(options.now ?? TEST_NOW);
  const accessLog = options.accessLog ?? accessLogWriter({ store, clock });
  const projections = new ProjectionsInThread(store, ':memory:', { clock });
  await projections.start();
  const app = await buildApp({
    config: { ...testConfig, ...options.config },
    store,
    tokens: testTokens,
    clock,
    accessLog,
    accessLogPages: indexedAccessLog(store, projections, { waitMs: 5000 }),
    // As `serve` wires it outside production: the page, `/session` and "sign in as".
    routes: [...projectionRoutes(projections, { clock, accessLog }), ...submissionRoutes(projections, { store, clock, accessLog, personalData: personalDataInMemoryFor(store) }), ...webRoutes({ signInAs: { secret: TEST_SECRET, issuer: TEST_ISSUER, audience: TEST_AUDIENCE } })],
    caseAreas: (caseId) => projections.readModels.caseArea(caseId),
    ...(options.keys !== undefined && { keys: options.keys }),
    ...(options.logger !== undefined && { logger: options.logger }),
  });
  await app.ready();
  return {
    app,
    store,
    clock,
    projections,
    as: (who) => caller(app, () => tokenFor(who)),
    anonymous: caller(app, async () => undefined),
    close: async () => {
      await app.close();
      await projections.close();
      await store.close();
    },
  };
}

export const json = (response: LightMyRequestResponse) => response.json() as Record<string, unknown>;

export const isProblem = (response: LightMyRequestResponse) =>
  String(response.headers['content-type']).startsWith('application/problem+json');

/** Every event in the store, in global order. */
export async function allEvents(store: EventStore) {
  const events = [];
  for await (const event of store.readAll()) events.push(event);
  return events;
}
