import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';

/** The API serves JSON only: nothing may be loaded, framed or submitted from its responses. */
export const API_CSP = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const HELMET_OPTIONS: Parameters<typeof helmet>[0] = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: { defaultSrc: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"], frameAncestors: ["'none'"] },
  },
  crossOriginResourcePolicy: { policy: 'same-origin' },
  frameguard: { action: 'deny' },
  referrerPolicy: { policy: 'no-referrer' },
};

/**
 * The headers helmet sets with these options, worked out once: they depend on nothing in the
 * request, and building them for each one (the CSP string above all) cost ~5% of a request.
 */
export function securityHeaders(): ReadonlyArray<readonly [string, string]> {
  // Keyed by the lower-case name, kept with helmet's own spelling of it.
  const set = new Map<string, readonly [string, string]>();
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) => void set.set(name.toLowerCase(), [name, String(value)]),
    removeHeader: (name: string) => void set.delete(name.toLowerCase()),
  };
  helmet(HELMET_OPTIONS)({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => {
    if (error !== undefined && error !== null) throw error;
  });
  return [...set.values()];
}

/**
 * Security headers on every response (docs/CHECKS.md V4): set as a request arrives; a last
 * onSend hook restores the essentials on any answer that skipped it, and marks everything
 * `no-store` unless a route said otherwise (case data must never sit in a cache).
 * Fastify sends no X-Powered-By and no Server header.
 */
export function registerSecurityHeaders(app: FastifyInstance): void {
  const headers = securityHeaders();
  app.addHook('onRequest', (_request, reply, done) => {
    const raw = reply.raw;
    for (const [name, value] of headers) raw.setHeader(name, value);
    done();
  });
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (!reply.hasHeader('x-content-type-options')) reply.header('x-content-type-options', 'nosniff');
    if (!reply.hasHeader('content-security-policy')) reply.header('content-security-policy', API_CSP);
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    reply.removeHeader('x-powered-by');
    done(null, payload);
  });
}
