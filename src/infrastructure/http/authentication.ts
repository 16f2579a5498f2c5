import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isAnonymousRoute, permissionFor } from '../auth/policy.js';
import { ALL_AREAS, scopeCovers, type AreaScope, type Principal } from '../auth/principal.js';
import type { TokenRefusal, VerifiedToken } from '../auth/verify-token.js';
import './fastify-types.js';
import { problem, ProblemError } from './problem.js';

const REALM = 'realm="mappa"';
const BEARER = /^Bearer[ ]+([A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*)[ ]*$/i;

function unauthenticated(refusal: TokenRefusal | null): ProblemError {
  if (refusal === null) {
    return new ProblemError(problem(401, 'unauthenticated', 'send `Authorization: Bearer <token>`'), { 'www-authenticate': `Bearer ${REALM}` });
  }
  return new ProblemError(problem(401, 'invalid-token', refusal.description), {
    'www-authenticate': `Bearer ${REALM}, error="invalid_token", error_description="${refusal.description}"`,
  });
}

/**
 * Authentication and the role policy, for every route, in two hooks:
 * - identify (onRequest): verifies the bearer token, if any, and remembers who is calling,
 *   so the rate limit that runs next can key on the token subject;
 * - authorize (preParsing, so before any body is read): the route's action against the
 *   policy table; no token is 401, a role without that action 403.
 * The area rule needs the resource (a case's area), so routes apply it with `inCallerAreas`.
 */
export function registerAuthentication(app: FastifyInstance, verify: (token: string) => VerifiedToken | Promise<VerifiedToken>): void {
  app.decorateRequest('principal', null);
  app.decorateRequest('tokenRefusal', null);
  app.decorateRequest('grant', null);

  // Callback hooks, not async ones: a token verified before (most requests) costs no promise.
  app.addHook('onRequest', (request, _reply, done) => {
    const header = request.headers.authorization;
    if (header === undefined || !/^bearer\b/i.test(header)) return done();
    const match = BEARER.exec(header);
    const verified = match
      ? verify(match[1]!)
      : { ok: false as const, refusal: { reason: 'invalid' as const, description: 'the token is malformed or its signature is not valid' } };
    if (!(verified instanceof Promise)) return identify(request, verified, done);
    verified.then((answer) => identify(request, answer, done), done);
  });

  app.addHook('preParsing', (request, _reply, payload, done) => {
    try {
      authorize(request);
      done(null, payload);
    } catch (error) {
      done(error as Error);
    }
  });
}

function identify(request: FastifyRequest, verified: VerifiedToken, done: () => void): void {
  if (verified.ok) request.principal = verified.principal;
  else request.tokenRefusal = verified.refusal;
  done();
}

function authorize(request: FastifyRequest): void {
  const url = request.routeOptions.url;
  // No route matched: the not-found handler answers, and says nothing about any resource.
  if (url === undefined) return;
  const configured = request.routeOptions.config.action;
  if (configured === undefined) {
    if (isAnonymousRoute(url)) return;
    throw new ProblemError(problem(403, 'forbidden', 'this route has no access rule, so it is closed to everyone'));
  }
  if (request.principal === null) throw unauthenticated(request.tokenRefusal);
  const action = typeof configured === 'function' ? configured(request) : configured;
  const scope = permissionFor(request.principal.role, action);
  if (scope === undefined) {
    throw new ProblemError(problem(403, 'forbidden', `the role ${request.principal.role} may not ${action}`), {
      'www-authenticate': `Bearer ${REALM}, error="insufficient_scope"`,
    });
  }
  request.grant = { action, scope };
}

/** The areas this route's grant covers: the token's areas, or every area for an action not scoped by area. */
export function callerAreas(request: FastifyRequest): AreaScope {
  const { principal, grant } = request;
  if (principal === null || grant === null) return [];
  return grant.scope === 'any-area' ? ALL_AREAS : principal.areas;
}

/** The area rule: an action granted in the caller's own areas covers a resource in one of them. */
export function inCallerAreas(request: FastifyRequest, area: string): boolean {
  return scopeCovers(callerAreas(request), area);
}

/** The verified caller of a route that the authorize hook let through. */
export function callerOf(request: FastifyRequest): Principal {
  if (request.principal === null) throw new Error('route reached without a verified principal');
  return request.principal;
}
