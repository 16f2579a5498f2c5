import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import './fastify-types.js';

/**
 * Requests per caller per window: keyed by token subject once the token is verified (the
 * identify hook runs first), by client address for anonymous callers. Over the limit: 429 with
 * Retry-After. Health probes are exempt (config `rateLimit: false`).
 */
export async function registerRateLimit(app: FastifyInstance, limit: { readonly max: number; readonly windowMs: number }): Promise<void> {
  await app.register(rateLimit, {
    global: true,
    max: limit.max,
    timeWindow: limit.windowMs,
    hook: 'onRequest',
    keyGenerator: (request) => (request.principal !== null ? `sub:${request.principal.sub}` : `ip:${request.ip}`),
  });
}
