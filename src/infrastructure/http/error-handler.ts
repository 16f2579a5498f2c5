import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AccessLogUnavailableError } from '../access-log/writer.js';
import { StoreUnavailableError } from '../eventstore/eventstore.js';
import { MissingKeyError } from '../personal-data/personal-data.js';
import { ProjectionUnavailableError } from '../read-models/projection-service.js';
import { projectionUnavailable } from './projection-availability.js';
import { problem, ProblemError, sendProblem, type FieldError, type Problem } from './problem.js';

const PARTS: Readonly<Record<string, string>> = { body: 'body', params: 'path', querystring: 'query string', headers: 'headers' };

/** Seconds a client should wait before retrying a 503. */
const RETRY_AFTER_SECONDS = '5';

type ValidationIssue = { instancePath: string; keyword: string; message?: string; params?: Record<string, unknown> };

/** Zod issues as `{ path, message }`, paths dotted; an unknown key is named as a field of its own. */
function fieldErrors(issues: readonly ValidationIssue[]): FieldError[] {
  return issues.flatMap((issue) => {
    const base = issue.instancePath.split('/').filter((segment) => segment !== '').join('.');
    const keys = issue.params?.['keys'];
    if (issue.keyword === 'unrecognized_keys' && Array.isArray(keys)) {
      return keys.map((key) => ({ path: base === '' ? String(key) : `${base}.${String(key)}`, message: 'is not a known field' }));
    }
    return [{ path: base, message: issue.message ?? 'is not valid' }];
  });
}

function causedBy(error: unknown, type: abstract new (...args: never[]) => Error): boolean {
  let cause: unknown = error;
  for (let depth = 0; cause instanceof Error && depth < 5; depth++) {
    if (cause instanceof type) return true;
    cause = (cause as Error).cause;
  }
  return false;
}

/** What a client's mistake in the framework's hands (parsing, limits) becomes. */
function frameworkProblem(error: FastifyError): Problem | null {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return problem(413, 'payload-too-large', 'the body is larger than the limit this server accepts');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return problem(415, 'unsupported-media-type', 'send the body as application/json');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return problem(400, 'invalid-json', 'the body is not valid JSON');
    case 'FST_ERR_NOT_FOUND':
      return problem(404, 'not-found', 'no such route');
    default:
      return null;
  }
}

/**
 * Every error becomes problem+json. Anything a client can send ends as a 4xx; a fault of the
 * store as 503; anything else is a bug: 500, logged with its stack, answered with nothing of
 * it (no message, stack, path, SQL or token; docs/CHECKS.md V2).
 */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof ProblemError) {
      request.log.debug({ code: error.problem.code, status: error.problem.status }, 'request refused');
      return sendProblem(reply, error.problem, error.headers);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const errors = fieldErrors(error.validation);
      const part = PARTS[error.validationContext ?? 'body'] ?? 'request';
      const first = errors[0];
      const detail = first === undefined ? `the ${part} is not valid` : `the ${part} is not valid: ${first.path === '' ? '(whole)' : first.path}: ${first.message}`;
      request.log.debug({ code: 'invalid-request', part }, 'request refused');
      return sendProblem(reply, problem(400, 'invalid-request', detail, { errors }));
    }
    if (causedBy(error, AccessLogUnavailableError)) {
      request.log.error({ err: error }, 'access record not written: read refused');
      return sendProblem(reply, problem(503, 'access-log-unavailable', 'the read could not be recorded in the access log, so it is not answered; retry later'), {
        'retry-after': RETRY_AFTER_SECONDS,
      });
    }
    if (causedBy(error, StoreUnavailableError)) {
      request.log.error({ err: error }, 'event store unavailable');
      return sendProblem(reply, problem(503, 'store-unavailable', 'the event store is unavailable; nothing was written; retry later'), {
        'retry-after': RETRY_AFTER_SECONDS,
      });
    }
    if (causedBy(error, MissingKeyError)) {
      // The message names the key's case or area, never the sealed data: for the operators' log only.
      request.log.error({ err: error }, 'the key store is not the one this log was sealed with');
      return sendProblem(
        reply,
        problem(503, 'key-store-mismatch', "the server's key store does not hold the keys this log's personal data was sealed with; it is misconfigured (MAPPA_KEY_STORE): tell its operators"),
      );
    }
    if (error instanceof ProjectionUnavailableError) {
      request.log.warn({ reason: error.unavailable.reason }, 'read models unavailable');
      const { problem: body, headers } = projectionUnavailable([error.unavailable]);
      return sendProblem(reply, body, headers);
    }
    if (error.statusCode === 429) {
      return sendProblem(reply, problem(429, 'rate-limited', 'too many requests from this caller; wait for the time in Retry-After'));
    }
    const known = frameworkProblem(error);
    if (known !== null) return sendProblem(reply, known);
    if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
      request.log.debug({ code: error.code, status: error.statusCode }, 'request refused');
      return sendProblem(reply, problem(error.statusCode, 'invalid-request', 'the request is not valid'));
    }
    request.log.error({ err: error }, 'unexpected error');
    return sendProblem(reply, problem(500, 'internal-error', 'an unexpected error occurred; quote the X-Request-Id response header when reporting it'));
  });

  app.setNotFoundHandler((_request, reply) => sendProblem(reply, problem(404, 'not-found', 'no such route')));
}
