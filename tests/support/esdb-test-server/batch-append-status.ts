import type { Message } from 'google-protobuf';
import {
  Any,
  BadRequest,
  Code,
  GoogleEmpty,
  MaximumAppendSizeExceeded,
  Status,
  Timeout,
  WrongExpectedVersion,
  type StatusMessage,
} from './batch-append-proto.js';
import { ExpectedVersion } from './recorded-event.js';

/**
 * BatchAppend answers a refused write in-band: a google.rpc.Status whose `details` packs one of
 * the client protocol's error messages, shaped as the server's Status helpers shape them. The
 * client recognises the error by the packed type name alone, not by the code.
 */
function status(code: number, message: string, detail: Message, typeName: string): StatusMessage {
  const details = new Any();
  details.pack(detail.serializeBinary(), `event_store.client.${typeName}`);
  return new Status().setCode(code).setMessage(message).setDetails(details);
}

export const batchAppendStatus = {
  /** The current revision, or `current_no_stream`; the expectation as sent. */
  wrongExpectedVersion(current: bigint, expected: bigint): StatusMessage {
    const detail = new WrongExpectedVersion();
    if (current < 0n) detail.setCurrentNoStream(new GoogleEmpty());
    else detail.setCurrentStreamRevision(current.toString());
    if (expected === ExpectedVersion.any) detail.setExpectedAny(new GoogleEmpty());
    else if (expected === ExpectedVersion.noStream) detail.setExpectedNoStream(new GoogleEmpty());
    else if (expected === ExpectedVersion.streamExists) detail.setExpectedStreamExists(new GoogleEmpty());
    else detail.setExpectedStreamPosition(expected.toString());
    return status(Code.ALREADY_EXISTS, 'WrongExpectedVersion', detail, 'WrongExpectedVersion');
  },
  timeout(): StatusMessage {
    return status(Code.DEADLINE_EXCEEDED, 'Timeout', new Timeout(), 'Timeout');
  },
  maximumAppendSizeExceeded(maxAppendSize: number): StatusMessage {
    return status(
      Code.INVALID_ARGUMENT,
      'MaximumAppendSizeExceeded',
      new MaximumAppendSizeExceeded().setMaxappendsize(maxAppendSize),
      'MaximumAppendSizeExceeded',
    );
  },
  badRequest(message: string): StatusMessage {
    return status(Code.INVALID_ARGUMENT, 'BadRequest', new BadRequest().setMessage(message), 'BadRequest');
  },
} as const;
