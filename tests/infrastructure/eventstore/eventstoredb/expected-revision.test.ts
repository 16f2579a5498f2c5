import {
  ANY,
  AccessDeniedError,
  MaxAppendSizeExceededError,
  NO_STREAM,
  STREAM_EXISTS,
  UnknownError,
  WrongExpectedVersionError as ClientWrongExpectedVersionError,
} from '@eventstore/db-client';
import { describe, expect, it } from 'vitest';
import {
  InvalidAppendError,
  StoreUnavailableError,
  WrongExpectedVersionError,
  type ExpectedVersion,
} from '../../../../src/infrastructure/eventstore/eventstore.js';
import { toExpectedRevision, toStreamVersion } from '../../../../src/infrastructure/eventstore/eventstoredb/expected-revision.js';
import { toPortError } from '../../../../src/infrastructure/eventstore/eventstoredb/map-error.js';

describe('expected versions in the client’s terms', () => {
  it.each<[ExpectedVersion, unknown]>([
    ['any', ANY],
    ['no_stream', NO_STREAM],
    ['stream_exists', STREAM_EXISTS],
    [-1, NO_STREAM],
    [0, 0n],
    [41, 41n],
  ])('%s becomes %s', (expected, revision) => {
    expect(toExpectedRevision(expected)).toBe(revision);
  });

  it('reads the client’s "no_stream" as version -1 and a revision as its number', () => {
    expect(toStreamVersion(NO_STREAM)).toBe(-1);
    expect(toStreamVersion(7n)).toBe(7);
  });
});

describe('client errors in the port’s terms', () => {
  const append = { streamName: 's', expectedVersion: 'no_stream' as const };

  it('a wrong expected version keeps the caller’s expectation and the actual version, -1 for an absent stream', () => {
    const absent = new ClientWrongExpectedVersionError(undefined as never, { streamName: 's', expected: 'stream_exists', current: 'no_stream' });
    expect(toPortError(absent, { streamName: 's', expectedVersion: 'stream_exists' })).toEqual(new WrongExpectedVersionError('s', 'stream_exists', -1));
    const existing = new ClientWrongExpectedVersionError(undefined as never, { streamName: 's', expected: 'no_stream', current: 3n });
    expect(toPortError(existing, append)).toMatchObject({ expected: 'no_stream', actual: 3 });
  });

  it('a batch over the maximum append size is an invalid append', () => {
    expect(toPortError(new MaxAppendSizeExceededError(undefined, 1_048_576), append)).toBeInstanceOf(InvalidAppendError);
  });

  it('access denied and unexpected server errors are the store being unavailable', () => {
    expect(toPortError(new AccessDeniedError())).toBeInstanceOf(StoreUnavailableError);
    expect(toPortError(new UnknownError())).toBeInstanceOf(StoreUnavailableError);
  });

  it('an error not from the client is a bug and passes through unchanged', () => {
    const bug = new TypeError('x is undefined');
    expect(toPortError(bug, append)).toBe(bug);
  });
});
