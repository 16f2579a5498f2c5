import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteEventStore } from '../../src/infrastructure/eventstore/sqlite/index.js';
import { buildApp } from '../../src/infrastructure/http/app.js';
import { refer } from '../domain/case/support/builders.js';
import { makeTempDir } from '../support/temp-dir.js';
import { principal, testConfig, testTokens, tokenFor } from './support/api.js';

/** The API over a real socket (not inject): HTTP framing, keep-alive, headers as a client sees them. */
describe('the API on a listening server', () => {
  const dir = makeTempDir('listen');
  const store = openSqliteEventStore(`${dir.path}/events.db`);
  let app: FastifyInstance;
  let base: string;
  beforeAll(async () => {
    app = await buildApp({ config: testConfig, store, tokens: testTokens });
    base = await app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
    dir.remove();
  });

  it('a command, a read and its history over HTTP/1.1', async () => {
    const coordinator = `Bearer ${await tokenFor(principal('coordinator'))}`;
    const created = await fetch(`${base}/cases/real-1/commands`, {
      method: 'POST',
      headers: { authorization: coordinator, 'content-type': 'application/json', 'idempotency-key': 'real-key' },
      body: JSON.stringify(refer()),
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('etag')).toBe('"0"');
    const body = await created.text();
    const replayed = await fetch(`${base}/cases/real-1/commands`, {
      method: 'POST',
      headers: { authorization: coordinator, 'content-type': 'application/json', 'idempotency-key': 'real-key' },
      body: JSON.stringify(refer()),
    });
    expect([replayed.status, await replayed.text()]).toEqual([201, body]);

    const read = await fetch(`${base}/cases/real-1`, { headers: { authorization: `Bearer ${await tokenFor(principal('reviewer'))}` } });
    expect(read.status).toBe(200);
    expect(read.headers.get('cache-control')).toBe('no-store');
    expect(read.headers.get('x-content-type-options')).toBe('nosniff');
    expect(read.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(await read.json()).toMatchObject({ caseId: 'real-1', area: 'cumbria' });
  });

  it('a refused command is problem+json over the wire', async () => {
    const response = await fetch(`${base}/cases/real-2/commands`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await tokenFor(principal('coordinator'))}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'RecordDeath', occurredOn: '2009-01-01' }),
    });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    expect(await response.json()).toMatchObject({ code: 'case-not-found' });
  });

  it('a malformed request line or header never reaches the app as a 500', async () => {
    const response = await fetch(`${base}/cases/%E0%A4%A/commands`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(response.status).toBeLessThan(500);
  });
});
