import { convertToCommandError, type EventStoreDBClient } from '@eventstore/db-client';
import streamsGrpc from '@eventstore/db-client/generated/streams_grpc_pb.js';
import streamsPb from '@eventstore/db-client/generated/streams_pb.js';
import sharedPb from '@eventstore/db-client/generated/shared_pb.js';
import type { AllPosition } from './global-position.js';
import type { EsdbRecordedEvent } from './to-stored-event.js';

/** A server-side filter on stream names. */
export type StreamNameFilter = { readonly prefixes: readonly string[] } | { readonly regex: string };

type StreamsGrpcClient = InstanceType<typeof streamsGrpc.StreamsClient>;
type ReadResponse = InstanceType<typeof streamsPb.ReadResp>;
type ProtoRecordedEvent = InstanceType<typeof streamsPb.ReadResp.ReadEvent.RecordedEvent>;
type ReadCall = ReturnType<StreamsGrpcClient['read']>;
/** (metadata, call options): what read() takes after the request. */
type CallArguments = Parameters<StreamsGrpcClient['read']> extends [unknown, ...infer Rest] ? Rest : never;

/**
 * The two protected members of the client every one of its own reads goes through: the call
 * runs on the client's channel, is cancelled by dispose(), and a connection error makes the
 * client reconnect, exactly as for readAll().
 */
type ClientInternals = {
  GRPCStreamCreator: (
    client: typeof streamsGrpc.StreamsClient,
    debugName: string,
    creator: (grpcClient: StreamsGrpcClient) => ReadCall,
  ) => () => Promise<ReadCall>;
  callArguments: (baseOptions: Record<string, never>, callOptions: { deadline: number }) => CallArguments;
};

/**
 * Reads $all forwards with a server-side stream-name filter. EventStoreDB serves filtered reads
 * (its ReadAllForwardsFiltered), but client 6.2.1's readAll() always sends `no_filter`, so this
 * sends the same ReadReq it would, plus the filter. Like readAll(), the start position is
 * inclusive and `count` counts the events returned, not the events the server looked at.
 */
export async function readAllForwardsFiltered(
  client: EventStoreDBClient,
  from: AllPosition | 'start',
  count: number,
  filter: StreamNameFilter,
): Promise<EsdbRecordedEvent[]> {
  const internals = client as unknown as Partial<ClientInternals>;
  if (typeof internals.GRPCStreamCreator !== 'function' || typeof internals.callArguments !== 'function') {
    throw new Error('@eventstore/db-client no longer exposes GRPCStreamCreator/callArguments: filtered $all reads need 6.2.x');
  }
  const { GRPCStreamCreator, callArguments } = internals as ClientInternals;
  const request = filteredReadRequest(from, count, filter);
  const events: EsdbRecordedEvent[] = [];
  try {
    const call = await GRPCStreamCreator(streamsGrpc.StreamsClient, 'readAll', (grpcClient) =>
      grpcClient.read(request, ...callArguments({}, { deadline: Infinity })),
    )();
    for await (const response of call as AsyncIterable<ReadResponse>) {
      const recorded = response.getEvent()?.getEvent();
      if (recorded !== undefined) events.push(fromProto(recorded));
    }
  } catch (error) {
    throw convertToCommandError(error as Error);
  }
  return events;
}

function filteredReadRequest(from: AllPosition | 'start', count: number, filter: StreamNameFilter) {
  const all = new streamsPb.ReadReq.Options.AllOptions();
  if (from === 'start') {
    all.setStart(new sharedPb.Empty());
  } else {
    const position = new streamsPb.ReadReq.Options.Position();
    position.setCommitPosition(from.commit.toString(10));
    position.setPreparePosition(from.prepare.toString(10));
    all.setPosition(position);
  }
  const expression = new streamsPb.ReadReq.Options.FilterOptions.Expression();
  if ('regex' in filter) expression.setRegex(filter.regex);
  else expression.setPrefixList([...filter.prefixes]);
  const filterOptions = new streamsPb.ReadReq.Options.FilterOptions();
  filterOptions.setStreamIdentifier(expression);
  filterOptions.setCount(new sharedPb.Empty());
  filterOptions.setCheckpointintervalmultiplier(1);
  const uuid = new streamsPb.ReadReq.Options.UUIDOption();
  uuid.setString(new sharedPb.Empty());

  const options = new streamsPb.ReadReq.Options();
  options.setAll(all);
  options.setReadDirection(streamsPb.ReadReq.Options.ReadDirection.FORWARDS);
  options.setResolveLinks(false);
  options.setCount(count.toString(10));
  options.setFilter(filterOptions);
  options.setUuidOption(uuid);
  return new streamsPb.ReadReq().setOptions(options);
}

/** The same reading of a recorded event as the client's convertGrpcRecord, which it does not export. */
function fromProto(recorded: ProtoRecordedEvent): EsdbRecordedEvent {
  const metadata = recorded.getMetadataMap();
  const isJson = metadata.get('content-type') === 'application/json';
  const data = recorded.getData_asU8();
  const customMetadata = recorded.getCustomMetadata_asU8();
  return {
    id: uuidString(recorded.getId()),
    streamId: Buffer.from(recorded.getStreamIdentifier()?.getStreamName_asU8() ?? []).toString('utf8'),
    revision: BigInt(recorded.getStreamRevision()),
    type: metadata.get('type') ?? '',
    isJson,
    data: isJson ? parseJson(data) : data,
    metadata: customMetadata.length === 0 ? undefined : parseJson(customMetadata),
    position: { commit: BigInt(recorded.getCommitPosition()), prepare: BigInt(recorded.getPreparePosition()) },
  };
}

function parseJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    return bytes;
  }
}

function uuidString(uuid: InstanceType<typeof sharedPb.UUID> | undefined): string {
  // The request asks for string ids, so a structured one would mean a server that ignored it.
  if (uuid?.hasString() !== true) throw new Error('EventStoreDB sent an event id not in string form');
  return uuid.getString();
}
