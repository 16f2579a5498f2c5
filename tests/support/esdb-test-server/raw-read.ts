import { credentials } from '@grpc/grpc-js';
import streamsGrpc from '@eventstore/db-client/generated/streams_grpc_pb.js';
import { Empty, ReadReq, StreamIdentifier, type ReadReqOptions, type ReadRespMessage } from './proto.js';

/**
 * A bare gRPC `Read` against the test server, for the protocol details the client hides
 * (confirmations, checkpoints, caught_up) or cannot send (filtered reads). Collects responses
 * until the call ends or `until` says stop, then cancels the call.
 */
export async function rawRead(
  port: number,
  configure: (options: ReadReqOptions) => void,
  until: (responses: readonly ReadRespMessage[]) => boolean = () => false,
): Promise<ReadRespMessage[]> {
  const client = new streamsGrpc.StreamsClient(`127.0.0.1:${port}`, credentials.createInsecure());
  const options = new ReadReq.Options();
  const uuid = new ReadReq.Options.UUIDOption();
  uuid.setString(new Empty());
  options.setUuidOption(uuid);
  configure(options);
  const call = client.read(new ReadReq().setOptions(options));
  const responses: ReadRespMessage[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      call.on('data', (response: ReadRespMessage) => {
        responses.push(response);
        if (until(responses)) resolve();
      });
      call.on('end', resolve);
      call.on('error', (error: { details?: string }) => (error.details === 'Cancelled on client' ? resolve() : reject(error)));
    });
  } finally {
    call.cancel();
    client.close();
  }
  return responses;
}

export const readOptions = {
  stream(options: ReadReqOptions, streamName: string, from: { revision?: bigint; end?: boolean } = {}): void {
    const stream = new ReadReq.Options.StreamOptions();
    const identifier = new StreamIdentifier();
    identifier.setStreamName(Buffer.from(streamName));
    stream.setStreamIdentifier(identifier);
    if (from.revision !== undefined) stream.setRevision(from.revision.toString());
    else if (from.end) stream.setEnd(new Empty());
    else stream.setStart(new Empty());
    options.setStream(stream);
  },
  all(options: ReadReqOptions, from: { position?: bigint; end?: boolean } = {}): void {
    const all = new ReadReq.Options.AllOptions();
    if (from.position !== undefined) {
      const position = new ReadReq.Options.Position();
      position.setCommitPosition(from.position.toString());
      position.setPreparePosition(from.position.toString());
      all.setPosition(position);
    } else if (from.end) all.setEnd(new Empty());
    else all.setStart(new Empty());
    options.setAll(all);
  },
  subscription(options: ReadReqOptions): void {
    options.setSubscription(new ReadReq.Options.SubscriptionOptions());
  },
  streamPrefixFilter(options: ReadReqOptions, prefixes: string[], window?: number, multiplier = 1): void {
    const expression = new ReadReq.Options.FilterOptions.Expression();
    expression.setPrefixList(prefixes);
    const filter = new ReadReq.Options.FilterOptions();
    filter.setStreamIdentifier(expression);
    if (window === undefined) filter.setCount(new Empty());
    else filter.setMax(window);
    filter.setCheckpointintervalmultiplier(multiplier);
    options.setFilter(filter);
  },
};

/** A one-line summary of a response, so tests can compare whole sequences. */
export function describeResponse(response: ReadRespMessage): string {
  if (response.hasConfirmation()) return 'confirmation';
  if (response.hasCaughtUp()) return 'caught-up';
  if (response.hasCheckpoint()) return `checkpoint@${response.getCheckpoint()!.getCommitPosition()}`;
  if (response.hasStreamNotFound()) return 'stream-not-found';
  const event = response.getEvent()?.getEvent();
  if (event === undefined) return 'other';
  return `${Buffer.from(event.getStreamIdentifier()!.getStreamName_asU8()).toString()}@${event.getStreamRevision()}`;
}
