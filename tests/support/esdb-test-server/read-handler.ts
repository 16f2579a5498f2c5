import type { ServerWritableStream, ServiceError } from '@grpc/grpc-js';
import { eventFilterFrom } from './event-filter.js';
import type { EventLog } from './event-log.js';
import type { ReadReqMessage, ReadRespMessage } from './proto.js';
import { allStartOf, readAll, readStream, streamStartOf } from './reads.js';
import { readResponses } from './read-response.js';
import { ResponseWriter } from './response-writer.js';
import { rpcErrors } from './rpc-errors.js';
import { subscribeToAll, subscribeToStream } from './subscriptions.js';

const BACKWARDS = 1;

/**
 * `Read`: the server picks an enumerator from (stream | $all) x (count | subscription) x
 * direction x filter; the combinations it has no enumerator for are refused the same way.
 */
export function readHandler(log: EventLog, stopping: () => AbortSignal) {
  return async (call: ServerWritableStream<ReadReqMessage, ReadRespMessage>) => {
    const writer = new ResponseWriter(call, stopping());
    try {
      await dispatch(log, call.request, writer);
      writer.end();
    } catch (error) {
      writer.fail(isServiceError(error) ? error : rpcErrors.invalidArgument(String(error)));
    }
  };
}

async function dispatch(log: EventLog, request: ReadReqMessage, writer: ResponseWriter): Promise<void> {
  const options = request.getOptions();
  if (options === undefined) throw rpcErrors.invalidArgument('A read needs options.');
  const uuidOption = options.getUuidOption();
  if (uuidOption === undefined) throw rpcErrors.invalidArgument("Required argument 'uuidOption' was missing.");
  const backwards = options.getReadDirection() === BACKWARDS;
  const filter = options.hasFilter() ? eventFilterFrom(options.getFilter()!) : undefined;
  const combination = `${options.hasStream() ? 'Stream' : options.hasAll() ? 'All' : 'None'}, ${
    options.hasSubscription() ? 'Subscription' : options.hasCount() ? 'Count' : 'None'
  }, ${backwards ? 'Backwards' : 'Forwards'}, ${filter ? 'Filter' : 'NoFilter'}`;

  if (options.hasStream() && options.hasCount() && filter === undefined) {
    const streamName = streamNameOf(options.getStream()!.getStreamIdentifier()?.getStreamName_asU8());
    const events = log.stream(streamName);
    if (events === undefined) {
      await writer.write(readResponses.streamNotFound(streamName));
      return;
    }
    let remaining = BigInt(options.getCount());
    for (const event of readStream(events, streamStartOf(options), backwards)) {
      if (remaining-- <= 0n) break;
      if (!(await writer.write(readResponses.event(event, uuidOption)))) return;
    }
    return;
  }
  if (options.hasAll() && options.hasCount()) {
    let remaining = BigInt(options.getCount());
    for (const event of readAll(log, allStartOf(options), backwards, filter)) {
      if (remaining-- <= 0n) break;
      if (!(await writer.write(readResponses.event(event, uuidOption)))) return;
    }
    return;
  }
  if (options.hasStream() && options.hasSubscription() && !backwards && filter === undefined) {
    const streamName = streamNameOf(options.getStream()!.getStreamIdentifier()?.getStreamName_asU8());
    return subscribeToStream(log, writer, streamName, streamStartOf(options), uuidOption);
  }
  if (options.hasAll() && options.hasSubscription() && !backwards) {
    return subscribeToAll(log, writer, allStartOf(options), filter, uuidOption);
  }
  throw rpcErrors.invalidCombination(`(${combination})`);
}

function streamNameOf(bytes: Uint8Array | undefined): string {
  return Buffer.from(bytes ?? []).toString('utf8');
}

function isServiceError(error: unknown): error is ServiceError {
  return error instanceof Error && typeof (error as Partial<ServiceError>).code === 'number';
}
