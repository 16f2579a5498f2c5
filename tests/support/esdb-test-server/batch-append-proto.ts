/**
 * The client package's definitions for `Streams.BatchAppend` and `ServerFeatures`, beside
 * proto.ts (which holds Read and Append). The answers are built with these very classes, as the
 * generated serialisers check `instanceof` against them.
 */
import googleAny from 'google-protobuf/google/protobuf/any_pb.js';
import googleEmpty from 'google-protobuf/google/protobuf/empty_pb.js';
import codePb from '@eventstore/db-client/generated/code_pb.js';
import serverFeaturesGrpc from '@eventstore/db-client/generated/serverfeatures_grpc_pb.js';
import serverFeaturesPb from '@eventstore/db-client/generated/serverfeatures_pb.js';
import sharedPb from '@eventstore/db-client/generated/shared_pb.js';
import statusPb from '@eventstore/db-client/generated/status_pb.js';
import streamsPb from '@eventstore/db-client/generated/streams_pb.js';

export const { ServerFeaturesService } = serverFeaturesGrpc;
export const { SupportedMethods, SupportedMethod } = serverFeaturesPb;
export const { BatchAppendReq, BatchAppendResp } = streamsPb;
export const { AllStreamPosition, WrongExpectedVersion, Timeout, MaximumAppendSizeExceeded, BadRequest } = sharedPb;
export const { Status } = statusPb;
export const { Code } = codePb;
export const { Any } = googleAny;
/** google.protobuf.Empty: the type of the `no_stream`/`no_position` cases of BatchAppend's messages. */
export const { Empty: GoogleEmpty } = googleEmpty;

export type BatchAppendReqMessage = InstanceType<typeof streamsPb.BatchAppendReq>;
export type BatchAppendOptionsMessage = InstanceType<typeof streamsPb.BatchAppendReq.Options>;
export type BatchAppendProposedMessage = InstanceType<typeof streamsPb.BatchAppendReq.ProposedMessage>;
export type BatchAppendRespMessage = InstanceType<typeof streamsPb.BatchAppendResp>;
export type StatusMessage = InstanceType<typeof statusPb.Status>;
export type StreamIdentifierMessage = InstanceType<typeof sharedPb.StreamIdentifier>;
export type SupportedMethodsMessage = InstanceType<typeof serverFeaturesPb.SupportedMethods>;
