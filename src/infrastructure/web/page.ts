import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { problem, ProblemError } from '../http/problem.js';

/** Where `npm run build:web` writes the page (web/dist, beside the sources in web/). */
const PAGE_DIST = fileURLToPath(new URL('../../../web/dist/', import.meta.url));

/**
 * The page loads its own scripts and styles from this origin and talks to this origin's API;
 * nothing inline (no inline script, style element or style attribute), no framing, no forms
 * posted anywhere, no plugin content.
 */
export const PAGE_CSP =
  "default-src 'self'; base-uri 'none'; connect-src 'self'; form-action 'none'; frame-ancestors 'none'; " +
  "img-src 'self'; object-src 'none'; script-src 'self'; script-src-attr 'none'; style-src 'self'; style-src-attr 'none'";

/**
 * The web page: `/` is its one HTML document, `/assets/*` its hashed scripts and styles. They
 * hold no data and need no token; the page asks the API with the caller's token, so every
 * case-level read it makes is authorised and access-logged as any other.
 */
export const webPageRoutes = (options: { readonly distDir?: string } = {}): FastifyPluginAsync =>
  async (app) => {
    const dist = options.distDir ?? PAGE_DIST;
    // Encapsulated: this CSP replaces the API's on these routes only.
    app.addHook('onSend', async (_request, reply, payload) => {
      reply.header('content-security-policy', PAGE_CSP);
      return payload;
    });

    app.get('/', { schema: { hide: true } }, async (_request, reply) => {
      // Read on each request (it is small), so a page rebuilt while the server runs is served.
      const html = await readFile(join(dist, 'index.html'), 'utf8').catch(() => null);
      if (html === null) throw new ProblemError(problem(503, 'not-ready', 'the web page is not built: run `npm run build:web`'));
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(html);
    });

    const assets = join(dist, 'assets');
    if (existsSync(assets)) {
      // File names carry a hash of their content, so they can be cached for good.
      await app.register(fastifyStatic, { root: assets, prefix: '/assets/', decorateReply: false, index: false, maxAge: '365d', immutable: true });
    }
  };
