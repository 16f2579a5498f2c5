import {
  AccessDeniedError,
  MaxAppendSizeExceededError,
  StreamDeletedError,
  WrongExpectedVersionError as ClientWrongExpectedVersionError,
  isCommandError,
} from '@eventstore/db-client';
import {
  InvalidAppendError,
  StoreUnavailableError,
  WrongExpectedVersionError,
  type ExpectedVersion,
} from '../eventstore.js';
import { toStreamVersion } from './expected-revision.js';
import { isTransient } from './transient-error.js';

/**
 * The client's failures in the port's terms. A refusal of the request itself becomes the port's
 * named error; anything the server or the connection did wrong becomes StoreUnavailableError
 * (503, retry later); an error that did not come from the client at all is a bug and is
 * rethrown unchanged.
 */
export function toPortError(error: unknown, append?: { streamName: string; expectedVersion: ExpectedVersion }): unknown {
  if (error instanceof ClientWrongExpectedVersionError && append !== undefined) {
    return new WrongExpectedVersionError(append.streamName, append.expectedVersion, toStreamVersion(error.actualVersion));
  }
  if (error instanceof MaxAppendSizeExceededError) {
    return new InvalidAppendError(`the batch exceeds EventStoreDB's maximum append size of ${error.maxAppendSize} bytes`);
  }
  if (error instanceof StreamDeletedError && append !== undefined) {
    return new InvalidAppendError(`stream ${append.streamName} is deleted in EventStoreDB`);
  }
  if (error instanceof AccessDeniedError) {
    return new StoreUnavailableError('EventStoreDB denied access: check the connection string credentials', { cause: error });
  }
  if (isTransient(error)) return new StoreUnavailableError('EventStoreDB is unavailable', { cause: error });
  if (error instanceof Error && isCommandError(error)) return new StoreUnavailableError(`EventStoreDB failed: ${error.message}`, { cause: error });
  return error;
}
