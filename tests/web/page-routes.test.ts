import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMemoryEventStore } from '../../src/infrastructure/eventstore/memory.js';
import { buildApp } from '../../src/infrastructure/http/app.js';
import { DOCS_CSP } from '../../src/infrastructure/http/openapi.js';
import { API_CSP } from '../../src/infrastructure/http/security-headers.js';
import { PAGE_CSP } from '../../src/infrastructure/web/page.js';
import { webRoutes } from '../../src/infrastructure/web/web-routes.js';
import { principal, testConfig, testTokens, tokenFor } from '../http/support/api.js';
import { makeTempDir } from '../support/temp-dir.js';

const INDEX = '<!doctype html><title>t</title><script type="module" src="/assets/page-abc123.js"></script>';

async function appServing(distDir: string): Promise<FastifyInstance> {
  const app = await buildApp({ config: testConfig, store: openMemoryEventStore(), tokens: testTokens, routes: webRoutes({ distDir }) });
  await app.ready();
  return app;
}

/** `/` and `/assets/*`: the page's files, anonymous, under the page's own CSP; the API keeps its own. */
describe('the web page routes', () => {
  const built = makeTempDir('page-built');
  const unbuilt = makeTempDir('page-unbuilt');
  let app: FastifyInstance;
  let bare: FastifyInstance;
  beforeAll(async () => {
    mkdirSync(join(built.path, 'assets'));
    writeFileSync(join(built.path, 'index.html'), INDEX);
    writeFileSync(join(built.path, 'assets', 'page-abc123.js'), 'export {};\n');
    app = await appServing(built.path);
    bare = await appServing(unbuilt.path);
  });
  afterAll(async () => {
    await app.close();
    await bare.close();
    built.remove();
    unbuilt.remove();
  });

  it('/ is the page, to anyone, under a CSP that allows this origin only; revalidated, never framed', async () => {
    const page = await app.inject({ method: 'GET', url: '/' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toBe(INDEX);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toBe(PAGE_CSP);
    expect(PAGE_CSP).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
  });

  it('its assets are served by name, cached for good (their names carry their hash); a missing one is a 404 problem', async () => {
    const script = await app.inject({ method: 'GET', url: '/assets/page-abc123.js' });
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    expect(script.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(script.headers['content-security-policy']).toBe(PAGE_CSP);
    const missing = await app.inject({ method: 'GET', url: '/assets/nothing.js' });
    expect([missing.statusCode, missing.headers['content-type']]).toEqual([404, 'application/problem+json; charset=utf-8']);
    const escape = await app.inject({ method: 'GET', url: '/assets/..%2f..%2findex.html' });
    expect(escape.statusCode).toBe(404);
  });

  it('the API and the documentation keep their own CSPs', async () => {
    const directives = (csp: unknown) => String(csp).split(/;\s*/);
    const session = await app.inject({ method: 'GET', url: '/session', headers: { authorization: `Bearer ${await tokenFor(principal('analyst'))}` } });
    expect([session.statusCode, directives(session.headers['content-security-policy'])]).toEqual([200, directives(API_CSP)]);
    const docs = await app.inject({ method: 'GET', url: '/docs/json' });
    expect(docs.headers['content-security-policy']).toBe(DOCS_CSP);
  });

  it('before the page is built, / answers 503 problem+json saying how to build it', async () => {
    const page = await bare.inject({ method: 'GET', url: '/' });
    expect(page.statusCode).toBe(503);
    expect(page.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(page.json()).toMatchObject({ code: 'not-ready', detail: 'the web page is not built: run `npm run build:web`' });
    expect(bare.registeredRoutes.some((r) => r.url.startsWith('/assets'))).toBe(false);
  });
});
