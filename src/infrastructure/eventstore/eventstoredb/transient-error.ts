import { CancelledError, DeadlineExceededError, NotLeaderError, UnavailableError } from '@eventstore/db-client';

// gRPC status codes (the client re-exports none of them; @grpc/grpc-js is not ours to import here).
const CANCELLED = 1;
const DEADLINE_EXCEEDED = 4;
const INTERNAL = 13;
const UNAVAILABLE = 14;

const CONNECTION_ERROR_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
/** INTERNAL statuses grpc-js reports when the connection, not the server, failed mid-call. */
const DROPPED_CONNECTION = /RST_STREAM|ECONNRESET|Connection dropped|GOAWAY/i;

/**
 * Whether a failure says "the server could not be reached or answer in time", the only
 * failures worth retrying. The client surfaces them both as its own error classes and, on some
 * paths (a failed write to the call), as the raw gRPC status; both are recognised. A server-side
 * CANCELLED is what a dropped connection looks like to a call in flight; the client's own
 * cancellation ("Cancelled on client") is not a fault. NOT_LEADER is transient too: the client
 * has already switched its channel to the leader it was told about.
 */
export function isTransient(error: unknown): boolean {
  if (
    error instanceof UnavailableError ||
    error instanceof DeadlineExceededError ||
    error instanceof CancelledError ||
    error instanceof NotLeaderError
  ) {
    return true;
  }
  if (typeof error !== 'object' || error === null) return false;
  const { code, details, message } = error as { code?: unknown; details?: unknown; message?: unknown };
  if (code === UNAVAILABLE || code === DEADLINE_EXCEEDED) return true;
  if (code === CANCELLED) return details !== 'Cancelled on client';
  if (code === INTERNAL) return typeof details === 'string' && DROPPED_CONNECTION.test(details);
  if (typeof code === 'string') return CONNECTION_ERROR_CODES.has(code) || code.startsWith('ERR_HTTP2_');
  // The client's own workaround for grpc-node#2502 reports this as unavailable too.
  return typeof message === 'string' && message.includes('write after end');
}
