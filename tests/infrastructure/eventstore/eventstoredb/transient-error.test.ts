import { AccessDeniedError, CancelledError, DeadlineExceededError, StreamNotFoundError, UnavailableError, WrongExpectedVersionError } from '@eventstore/db-client';
import { describe, expect, it } from 'vitest';
import { isTransient } from '../../../../src/infrastructure/eventstore/eventstoredb/transient-error.js';

const status = (code: number, details: string) => Object.assign(new Error(`${code}: ${details}`), { code, details });

describe('which failures are retried', () => {
  it.each<[string, unknown]>([
    ["the client's UnavailableError", new UnavailableError()],
    ["the client's DeadlineExceededError", new DeadlineExceededError()],
    ['a call cancelled by the server (connection dropped)', new CancelledError()],
    ['a raw UNAVAILABLE status (connection refused)', status(14, 'No connection established')],
    ['a raw DEADLINE_EXCEEDED status', status(4, 'Deadline exceeded')],
    ['a raw CANCELLED status from the server', status(1, 'Call cancelled')],
    ['INTERNAL after a reset stream', status(13, 'Received RST_STREAM with code 2')],
    ['a socket error', Object.assign(new Error('reset'), { code: 'ECONNRESET' })],
    ['an HTTP/2 session error', Object.assign(new Error('gone'), { code: 'ERR_HTTP2_GOAWAY_SESSION' })],
  ])('%s is transient', (_, error) => {
    expect(isTransient(error)).toBe(true);
  });

  it.each<[string, unknown]>([
    ['a wrong expected version', new WrongExpectedVersionError(undefined as never, { streamName: 's', expected: 0n, current: 1n })],
    ['stream not found', new StreamNotFoundError(undefined, 's')],
    ['access denied', new AccessDeniedError()],
    ["the client's own cancellation", status(1, 'Cancelled on client')],
    ['INTERNAL for another reason', status(13, 'Failed to parse server response')],
    ['INVALID_ARGUMENT', status(3, 'Maximum Append Size of 1048576 Exceeded.')],
    ['a bug', new TypeError('undefined is not a function')],
    ['not an error at all', 'boom'],
  ])('%s is not', (_, error) => {
    expect(isTransient(error)).toBe(false);
  });
});
