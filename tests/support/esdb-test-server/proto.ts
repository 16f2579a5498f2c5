/**
 * The gRPC definitions the client package ships, loaded once. The server must serialise with
 * these very classes: the generated serialisers check `instanceof` against them.
 */
import streamsGrpc from '@eventstore/db-client/generated/streams_grpc_pb.js';
import streamsPb from '@eventstore/db-client/generated/streams_pb.js';
import sharedPb from '@eventstore/db-client/generated/shared_pb.js';

export const { StreamsService } = streamsGrpc;
export const { ReadReq, ReadResp, AppendReq, AppendResp } = streamsPb;
export const { Empty, UUID, StreamIdentifier } = sharedPb;

export type ReadReqMessage = InstanceType<typeof streamsPb.ReadReq>;
export type ReadReqOptions = InstanceType<typeof streamsPb.ReadReq.Options>;
export type ReadRespMessage = InstanceType<typeof streamsPb.ReadResp>;
export type AppendReqMessage = InstanceType<typeof streamsPb.AppendReq>;
export type AppendOptionsMessage = InstanceType<typeof streamsPb.AppendReq.Options>;
export type AppendRespMessage = InstanceType<typeof streamsPb.AppendResp>;
export type FilterOptionsMessage = InstanceType<typeof streamsPb.ReadReq.Options.FilterOptions>;
export type UUIDMessage = InstanceType<typeof sharedPb.UUID>;
export type UUIDOptionMessage = InstanceType<typeof streamsPb.ReadReq.Options.UUIDOption>;
