import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';

const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/**
 * The server's own id of a request, for logs, access records, event metadata and the
 * X-Request-Id response header. Never the caller's: a caller could otherwise reuse another
 * request's id and blur the audit trail.
 */
export function newRequestId(): string {
  return randomUUID();
}

/**
 * The caller's own X-Request-Id, when it is a plain token, so a trace can cross services: kept
 * beside ours (`clientRequestId` in access records and event metadata), never in its place.
 */
export function clientRequestIdOf(request: FastifyRequest): string | undefined {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && CLIENT_REQUEST_ID.test(given) ? given : undefined;
}
