import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { describeConfigProblems, loadConfig, type Config } from '../../src/infrastructure/config.js';
import type { EventStore } from '../../src/infrastructure/eventstore/eventstore.js';
import { openMemoryEventStore } from '../../src/infrastructure/eventstore/memory.js';
import { buildApp } from '../../src/infrastructure/http/app.js';
import { rawExchange } from '../support/raw-http.js';
import { allEvents, principal, testConfig, testTokens, tokenFor } from './support/api.js';

async function listening(timeouts: Config['timeouts'], routes: FastifyPluginAsync[] = []): Promise<{ app: FastifyInstance; store: EventStore; port: number }> {
  const store = openMemoryEventStore();
  const app = await buildApp({ config: { ...testConfig, timeouts }, store, tokens: testTokens, routes });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  return { app, store, port: typeof address === 'object' && address !== null ? address.port : 0 };
}

/** A piece every `everyMs` for `count` pieces: a client that never quite finishes. */
const trickle = (piece: string, everyMs: number, count: number) => Array.from({ length: count }, () => [{ pauseMs: everyMs }, piece]).flat();

/**
 * The defect: an authenticated connection trickling its body stayed open for 320 s and more.
 * Headers, the whole request and an idle connection now each have a limit (configurable:
 * MAPPA_HEADERS_TIMEOUT_MS, MAPPA_REQUEST_TIMEOUT_MS, MAPPA_IDLE_TIMEOUT_MS), tested here with
 * small values over a real socket.
 */
describe('a slow body kept an authenticated connection open for minutes', () => {
  let app: FastifyInstance | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('a body trickled byte by byte ends with 408 problem+json at the request timeout; nothing is written', async () => {
    const server = await listening({ headersMs: 400, requestMs: 800, idleMs: 5000 });
    app = server.app;
    const token = await tokenFor(principal('coordinator'));
    const head = `POST /cases/slow-1/commands HTTP/1.1\r\nHost: api\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: 4000\r\n\r\n{"type":"ReferOffender",`;
    const response = await rawExchange(server.port, [head, ...trickle(' ', 100, 100)], { deadlineMs: 8000 });
    expect(response.status).toBe(408);
    expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(JSON.parse(response.body)).toMatchObject({ status: 408, code: 'request-timeout' });
    // The server closed it: at the request timeout plus Node's checking interval, not minutes later.
    expect(response.closedAfterMs).not.toBeNull();
    expect(response.closedAfterMs!).toBeGreaterThanOrEqual(700);
    expect(response.closedAfterMs!).toBeLessThan(3000);
    expect(await allEvents(server.store)).toHaveLength(0);
  });

  it('headers trickled line by line end with 408 problem+json at the headers timeout', async () => {
    const server = await listening({ headersMs: 400, requestMs: 5000, idleMs: 5000 });
    app = server.app;
    const response = await rawExchange(server.port, ['GET /health/live HTTP/1.1\r\nHost: api\r\n', ...trickle('X-Slow: a\r\n', 100, 100)], { deadlineMs: 8000 });
    expect(response.status).toBe(408);
    expect(JSON.parse(response.body)).toMatchObject({ code: 'request-timeout' });
    expect(response.closedAfterMs!).toBeLessThan(3000);
  });

  it('a connection that sends its headers and then nothing is closed at the idle timeout', async () => {
    const server = await listening({ headersMs: 5000, requestMs: 5000, idleMs: 300 });
    app = server.app;
    const token = await tokenFor(principal('coordinator'));
    const response = await rawExchange(
      server.port,
      [`POST /cases/slow-2/commands HTTP/1.1\r\nHost: api\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n`],
      { deadlineMs: 8000 },
    );
    expect(response.closedAfterMs).not.toBeNull();
    expect(response.closedAfterMs!).toBeGreaterThanOrEqual(250);
    expect(response.closedAfterMs!).toBeLessThan(3000);
    expect(await allEvents(server.store)).toHaveLength(0);
  });

  it('a request that has arrived is not timed: an answer slower than the idle timeout is sent in full', async () => {
    const slow: FastifyPluginAsync = async (instance) => {
      instance.get('/slow-work', { config: { action: 'areas:read' } }, async () => {
        await new Promise((resolve) => setTimeout(resolve, 1000));
        return { done: true };
      });
    };
    const server = await listening({ headersMs: 400, requestMs: 800, idleMs: 300 }, [slow]);
    app = server.app;
    const token = await tokenFor(principal('reviewer'));
    const response = await rawExchange(server.port, [`GET /slow-work HTTP/1.1\r\nHost: api\r\nAuthorization: Bearer ${token}\r\nConnection: close\r\n\r\n`], { deadlineMs: 5000 });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ done: true });
  });

  it('a request that arrives in time is answered as usual', async () => {
    const server = await listening({ headersMs: 400, requestMs: 800, idleMs: 300 });
    app = server.app;
    const response = await rawExchange(server.port, ['GET /health/live HTTP/1.1\r\nHost: api\r\nConnection: close\r\n\r\n']);
    expect(response.status).toBe(200);
  });

  it('the limits come from the environment, with defaults, and are refused by name when invalid', () => {
    const config = (env: Record<string, string>) => {
      const result = loadConfig(env);
      if (!result.ok) throw new Error(describeConfigProblems(result.problems));
      return result.config.timeouts;
    };
    expect(config({})).toEqual({ headersMs: 10_000, requestMs: 30_000, idleMs: 60_000 });
    expect(config({ MAPPA_HEADERS_TIMEOUT_MS: '2000', MAPPA_REQUEST_TIMEOUT_MS: '5000', MAPPA_IDLE_TIMEOUT_MS: '7000' })).toEqual({ headersMs: 2000, requestMs: 5000, idleMs: 7000 });
    const refused = (env: Record<string, string>) => {
      const result = loadConfig(env);
      return result.ok ? [] : result.problems.map((p) => p.variable);
    };
    expect(refused({ MAPPA_REQUEST_TIMEOUT_MS: 'soon' })).toEqual(['MAPPA_REQUEST_TIMEOUT_MS']);
    expect(refused({ MAPPA_IDLE_TIMEOUT_MS: '0' })).toEqual(['MAPPA_IDLE_TIMEOUT_MS']);
    expect(refused({ MAPPA_HEADERS_TIMEOUT_MS: '9000', MAPPA_REQUEST_TIMEOUT_MS: '1000' })).toEqual(['MAPPA_HEADERS_TIMEOUT_MS']);
  });
});
