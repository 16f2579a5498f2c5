import type { FastifyPluginAsync } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/infrastructure/http/app.js';
import { openMemoryEventStore } from '../../src/infrastructure/eventstore/memory.js';
import { refer } from '../domain/case/support/builders.js';
import { principal, startApi, testConfig, testTokens, tokenFor, type TestApi } from './support/api.js';
import { storeWith } from './support/faulty-store.js';

const FAULT = 'SQLITE_ERROR: near "SELECT * FROM events WHERE stream_name = ?": syntax error in /srv/mappa/data/mappa.db';

/** A 500 says that something failed, and nothing about what or where (docs/CHECKS.md V2). */
function expectBareInternalError(response: { statusCode: number; headers: Record<string, unknown>; body: string }, token?: string) {
  expect(response.statusCode).toBe(500);
  expect(String(response.headers['content-type'])).toBe('application/problem+json; charset=utf-8');
  expect(JSON.parse(response.body)).toEqual({
    type: 'urn:mappa:problem:internal-error',
    title: 'Internal error',
    status: 500,
    detail: 'an unexpected error occurred; quote the X-Request-Id response header when reporting it',
    code: 'internal-error',
  });
  for (const fragment of ['SELECT', 'SQLITE', '/srv', 'mappa.db', 'at ', '.ts:', 'stack', 'Error']) expect(response.body).not.toContain(fragment);
  if (token !== undefined) for (const part of token.split('.')) expect(response.body).not.toContain(part.slice(0, 12));
}

describe('V2: an unexpected exception is a bare 500 problem+json', () => {
  let api: TestApi | undefined;
  afterEach(() => api?.close());

  it('thrown by the store under a command and under a read', async () => {
    const store = openMemoryEventStore();
    let broken = false;
    // Every operation a command or a read may use (a cached case needs no stream read) fails.
    api = await startApi({
      store: storeWith(store, {
        readStream: (...args) => (broken ? Promise.reject(new Error(FAULT)) : store.readStream(...args)),
        streamVersion: (...args) => (broken ? Promise.reject(new Error(FAULT)) : store.streamVersion(...args)),
        appendToStream: (...args) => (broken ? Promise.reject(new Error(FAULT)) : store.appendToStream(...args)),
      }),
    });
    await api.as(principal('coordinator')).command('case-1', refer());
    broken = true;
    const token = await tokenFor(principal('coordinator'));
    const command = await api.app.inject({
      method: 'POST', url: '/cases/case-1/commands',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ type: 'ChangeLocalUnit', occurredOn: '2009-01-01', localUnit: 'X' }),
    });
    expectBareInternalError(command, token);
    expectBareInternalError(await api.as(principal('coordinator')).get('/cases/case-1'));
  });

  it('thrown by a route handler, carrying a stack, a path, SQL and the caller\'s token', async () => {
    const token = await tokenFor(principal('reviewer'));
    const throwing: FastifyPluginAsync = async (app) => {
      app.get('/explode', { config: { action: 'areas:read' } }, async (request) => {
        const error = new Error(`${FAULT} with ${String(request.headers.authorization)}`);
        (error as Error & { statusCode?: number }).statusCode = 500;
        throw error;
      });
      app.get('/explode-with-a-non-error', { config: { action: 'areas:read' } }, async () => {
        // eslint-disable-next-line no-throw-literal
        throw { message: FAULT, stack: 'at /srv/mappa/src/secret.ts:1:1' };
      });
    };
    const app = await buildApp({ config: testConfig, store: openMemoryEventStore(), tokens: testTokens, routes: [throwing] });
    try {
      for (const url of ['/explode', '/explode-with-a-non-error']) {
        expectBareInternalError(await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } }), token);
      }
    } finally {
      await app.close();
    }
  });
});
