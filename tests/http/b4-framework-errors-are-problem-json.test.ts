import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { openMemoryEventStore } from '../../src/infrastructure/eventstore/memory.js';
import { buildApp } from '../../src/infrastructure/http/app.js';
import { problemSchema } from '../../src/infrastructure/http/problem.js';
import { parseRawResponse, rawExchange, type RawResponse } from '../support/raw-http.js';
import { principal, testConfig, testTokens, tokenFor } from './support/api.js';

/** Put in every request below where an answer could echo it: in the path, a header, the request line. */
const MARKER = 'ECHOMARKER';

async function listening(routes: FastifyPluginAsync[] = []): Promise<{ app: FastifyInstance; port: number }> {
  const app = await buildApp({ config: testConfig, store: openMemoryEventStore(), tokens: testTokens, routes });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  return { app, port: typeof address === 'object' && address !== null ? address.port : 0 };
}

function expectProblemOnTheWire(response: RawResponse, status: number, code: string): void {
  expect({ status: response.status, raw: response.raw.slice(0, 300) }).toMatchObject({ status });
  expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
  expect(response.headers['x-content-type-options']).toBe('nosniff');
  expect(response.headers['content-security-policy']).toContain("default-src 'none'");
  expect(response.headers['cache-control']).toBe('no-store');
  const body = problemSchema.parse(JSON.parse(response.body));
  expect(body).toMatchObject({ status, code, type: `urn:mappa:problem:${code}` });
  expect(response.raw).not.toContain(MARKER);
}

/**
 * docs/CHECKS.md B4, and the defect it pins: Node's and Fastify's own answers (431 for a token or URL
 * over 16 KB, 414, 400 for bad percent-encoding, chunking or Content-Length) were bare JSON or
 * empty, and the router's echoed the path. Each is sent here as raw bytes over a real socket.
 */
describe('B4: the framework\'s own errors were not problem+json and echoed the request', () => {
  let app: FastifyInstance | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  const cases: [string, number, string, (token: string) => string][] = [
    ['a bearer token over 16 KB: 431', 431, 'headers-too-large', () => `GET /cases/${MARKER} HTTP/1.1\r\nHost: api\r\nAuthorization: Bearer ${MARKER.repeat(2000)}\r\n\r\n`],
    ['a URL over 16 KB: 431', 431, 'headers-too-large', () => `GET /cases/${MARKER.repeat(2000)} HTTP/1.1\r\nHost: api\r\n\r\n`],
    ['a path segment over the router\'s limit: 414', 414, 'uri-too-long', (token) => `GET /cases/${MARKER.repeat(20)}/events HTTP/1.1\r\nHost: api\r\nConnection: close\r\nAuthorization: Bearer ${token}\r\n\r\n`],
    ['bad percent-encoding in the path: 400', 400, 'malformed-request', (token) => `GET /cases/${MARKER}%E0%A4%A/events HTTP/1.1\r\nHost: api\r\nConnection: close\r\nAuthorization: Bearer ${token}\r\n\r\n`],
    ['a chunk size that is not hexadecimal: 400', 400, 'malformed-request', (token) =>
      `POST /cases/${MARKER}/commands HTTP/1.1\r\nHost: api\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n${MARKER}\r\n{}\r\n0\r\n\r\n`],
    ['a Content-Length that is not a number: 400', 400, 'malformed-request', (token) =>
      `POST /cases/${MARKER}/commands HTTP/1.1\r\nHost: api\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: ${MARKER}\r\n\r\n{}`],
    ['both Content-Length and chunked: 400', 400, 'malformed-request', (token) =>
      `POST /cases/${MARKER}/commands HTTP/1.1\r\nHost: api\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n{}`],
    ['an HTTP/1.1 request without Host: 400', 400, 'malformed-request', (token) => `GET /cases/${MARKER} HTTP/1.1\r\nConnection: close\r\nAuthorization: Bearer ${token}\r\n\r\n`],
    ['a header value with a control character: 400', 400, 'malformed-request', () => `GET /health/live HTTP/1.1\r\nHost: api\r\nX-Purpose: ${MARKER}\u0001\r\n\r\n`],
    ['a request line that is not HTTP: 400', 400, 'malformed-request', () => `${MARKER} /cases\r\n\r\n`],
  ];

  it.each(cases)('%s, problem+json with the security headers, nothing echoed, over a real socket', async (_name, status, code, request) => {
    const server = await listening();
    app = server.app;
    const token = await tokenFor(principal('reviewer'));
    expectProblemOnTheWire(await rawExchange(server.port, [request(token)]), status, code);
  });

  it('a request arriving while the server closes: 503 problem+json, and the connection closes', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let arrived!: () => void;
    const inFlight = new Promise<void>((resolve) => (arrived = resolve));
    const slow: FastifyPluginAsync = async (instance) => {
      instance.get('/slow', { config: { action: 'areas:read' } }, async () => {
        arrived();
        await held;
        return { done: true };
      });
    };
    const server = await listening([slow]);
    app = server.app;
    const token = await tokenFor(principal('reviewer'));
    const socket = connect(server.port, '127.0.0.1');
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString('utf8')));
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    socket.write(`GET /slow HTTP/1.1\r\nHost: api\r\nAuthorization: Bearer ${token}\r\n\r\n`);
    await inFlight;
    // The connection is busy, so closing keeps it; a second request on it comes in while the server closes.
    const closing = server.app.close();
    app = undefined;
    await new Promise((resolve) => setTimeout(resolve, 50));
    socket.write(`GET /cases/${MARKER} HTTP/1.1\r\nHost: api\r\nAuthorization: Bearer ${token}\r\n\r\n`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    release();
    await closing;
    await closed;
    const second = received.indexOf('HTTP/1.1', 1);
    expect(parseRawResponse(received.slice(0, second), null).status).toBe(200);
    const answer = parseRawResponse(received.slice(second), 0);
    expectProblemOnTheWire(answer, 503, 'not-ready');
    expect(answer.headers['connection']).toBe('close');
  });
});
