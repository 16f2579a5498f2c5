import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { problem, PROBLEM_CONTENT_TYPE, type Problem } from './problem.js';
import { newRequestId } from './request-id.js';
import { API_CSP } from './security-headers.js';

/** What every answer carries even when no hook ran (security-headers.ts sets the same on the others). */
const BARE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'cache-control': 'no-store',
  'content-security-policy': API_CSP,
  'cross-origin-resource-policy': 'same-origin',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
};

function connectionProblem(code: string | undefined): Problem {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return problem(431, 'headers-too-large', 'the request line and headers together are larger than this server accepts (16 KB)');
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return problem(408, 'request-timeout', 'the request, headers and body, did not arrive within the time this server allows');
    default:
      return problem(400, 'malformed-request', 'the request is not well-formed HTTP/1.1 (request line, headers, Content-Length or chunked encoding)');
  }
}

/**
 * Node's parser refused the bytes on a connection (malformed request line or header, bad
 * Content-Length or chunking, headers over the limit) or the request took too long: answer with
 * problem+json and close, unless an answer has already begun on that connection. Nothing of the
 * request is echoed, and the log says only what kind of error it was.
 */
export function clientErrorHandler(logger: Logger): (error: Error & { code?: string }, socket: Socket) => void {
  return (error, socket) => {
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    const answer = connectionProblem(error.code);
    const requestId = newRequestId();
    logger.debug({ requestId, code: error.code, status: answer.status }, 'connection refused by the HTTP parser');
    const inFlight = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (socket.writable && inFlight?.headersSent !== true) socket.write(rawResponse(answer, requestId));
    socket.destroy();
  };
}

function rawResponse(body: Problem, requestId: string): string {
  const text = JSON.stringify(body);
  const headers = {
    ...BARE_SECURITY_HEADERS,
    'content-type': PROBLEM_CONTENT_TYPE,
    'content-length': String(Buffer.byteLength(text)),
    'x-request-id': requestId,
    connection: 'close',
  };
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
  return `HTTP/1.1 ${body.status} ${STATUS_CODES[body.status] ?? ''}\r\n${lines.join('\r\n')}\r\n\r\n${text}`;
}

function routingProblem(code: string): Problem {
  switch (code) {
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return problem(414, 'uri-too-long', 'a path segment is longer than any resource of this API');
    case 'FST_ERR_BAD_URL':
      return problem(400, 'malformed-request', 'the URL is not valid: its percent-encoding cannot be decoded');
    default:
      return problem(400, 'malformed-request', 'the request cannot be routed');
  }
}

/** The router's own refusals (a URL it cannot decode, a path segment over its limit), before any hook. */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const answer = routingProblem(error.code);
  request.log.debug({ code: error.code, status: answer.status }, 'request refused by the router');
  void reply.code(answer.status).headers({ ...BARE_SECURITY_HEADERS, 'x-request-id': request.id, 'content-type': PROBLEM_CONTENT_TYPE }).send(answer);
}

/** A request on a kept-alive connection while the server closes: 503, and the connection closes. */
export const closingProblem = (): { readonly body: Problem; readonly headers: Readonly<Record<string, string>> } => ({
  body: problem(503, 'not-ready', 'the server is shutting down; retry on another instance'),
  headers: { connection: 'close', 'retry-after': '1' },
});
