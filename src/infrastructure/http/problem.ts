import type { FastifyReply } from 'fastify';
import { z } from 'zod';

/**
 * Every error is `application/problem+json` (RFC 9457). `code` is stable: a rule code of
 * docs/DOMAIN.md section 4, or one of PROBLEM_TITLES below; `type` is derived from it. Bodies hold
 * nothing per request (no request id, no time), so an idempotent replay is byte-identical;
 * the request id travels in the X-Request-Id header.
 */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

export const fieldError = z.object({
  /** Dotted path of the field in its part of the request (body, query, path or header), e.g. `basis.custodialMonths`. */
  path: z.string(),
  message: z.string(),
});
export type FieldError = z.infer<typeof fieldError>;

export const problemSchema = z.looseObject({
  type: z.string(),
  title: z.string(),
  status: z.int(),
  detail: z.string(),
  code: z.string(),
  errors: z.array(fieldError).optional(),
});
export type Problem = z.infer<typeof problemSchema>;

/** Titles of the engine's own problem codes; a rule refusal is titled by REFUSED_TITLE. */
const PROBLEM_TITLES = {
  'invalid-json': 'The body is not valid JSON',
  'invalid-request': 'The request is not valid',
  'unauthenticated': 'A bearer token is required',
  'invalid-token': 'The bearer token is not accepted',
  'forbidden': 'Not permitted for this role',
  'area-not-permitted': 'Not permitted in this area',
  'not-found': 'No such resource',
  'case-not-found': 'No such case',
  'version-mismatch': 'The case is not at the expected version',
  'conflict': 'The case kept changing; try again',
  'idempotency-key-reused': 'The Idempotency-Key was used for another request',
  'payload-too-large': 'The body is too large',
  'unsupported-media-type': 'The body must be application/json',
  'rate-limited': 'Too many requests',
  'store-unavailable': 'The event store is unavailable',
  'key-store-mismatch': "The key store is not this log's",
  'access-log-unavailable': 'The access log cannot be written',
  'not-ready': 'The service is not ready',
  'projection-unavailable': 'The read models cannot answer now',
  'malformed-request': 'The request is not well-formed',
  'headers-too-large': 'The request line and headers are too large',
  'uri-too-long': 'The URL is too long',
  'request-timeout': 'The request did not arrive in time',
  'internal-error': 'Internal error',
} as const;
type ProblemCode = keyof typeof PROBLEM_TITLES;

const REFUSED_TITLE = 'The command was refused by a case rule';

const PROBLEM_TYPE_BASE = 'urn:mappa:problem:';

export function problem(status: number, code: ProblemCode, detail: string, extra: Record<string, unknown> = {}): Problem {
  return { type: PROBLEM_TYPE_BASE + code, title: PROBLEM_TITLES[code], status, detail, code, ...extra };
}

export function refusal(status: number, code: string, detail: string, extra: Record<string, unknown> = {}): Problem {
  return { type: PROBLEM_TYPE_BASE + code, title: REFUSED_TITLE, status, detail, code, ...extra };
}

/** A problem to answer with, thrown from hooks and handlers and rendered by the error handler. */
export class ProblemError extends Error {
  constructor(
    readonly problem: Problem,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(problem.detail);
    this.name = 'ProblemError';
  }
}

/**
 * The one answer for a case that does not exist and for a case outside the caller's areas
 * (docs/CHECKS.md A4): the same status, headers and bytes, so neither says which it is.
 */
export const caseNotFound = (): ProblemError => new ProblemError(problem(404, 'case-not-found', 'no such case'));

export function sendProblem(reply: FastifyReply, body: Problem, headers: Readonly<Record<string, string>> = {}): FastifyReply {
  return reply.code(body.status).headers(headers).header('content-type', PROBLEM_CONTENT_TYPE).send(body);
}

/** Response schemas of every route for its error statuses (OpenAPI and serializer). */
export const problemResponses = { '4xx': problemSchema, '5xx': problemSchema } as const;
