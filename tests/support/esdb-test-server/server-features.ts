import type { sendUnaryData, ServerUnaryCall } from '@grpc/grpc-js';
import gossipGrpc from '@eventstore/db-client/generated/gossip_grpc_pb.js';
import monitoringGrpc from '@eventstore/db-client/generated/monitoring_grpc_pb.js';
import operationsGrpc from '@eventstore/db-client/generated/operations_grpc_pb.js';
import persistentGrpc from '@eventstore/db-client/generated/persistent_grpc_pb.js';
import projectionsGrpc from '@eventstore/db-client/generated/projections_grpc_pb.js';
import serverFeaturesGrpc from '@eventstore/db-client/generated/serverfeatures_grpc_pb.js';
import streamsGrpc from '@eventstore/db-client/generated/streams_grpc_pb.js';
import usersGrpc from '@eventstore/db-client/generated/users_grpc_pb.js';
import { SupportedMethod, SupportedMethods, type SupportedMethodsMessage } from './batch-append-proto.js';

export const SERVER_VERSION = '24.10.0';

/**
 * The client services a 24.10 node maps (the cluster-internal gossip and elections services are
 * left out: the server lists only services whose name holds "client"). Redaction is mapped too,
 * though it answers only on Unix sockets; the client package ships no definition of it.
 */
const CLIENT_SERVICES: readonly object[] = [
  persistentGrpc.PersistentSubscriptionsService,
  usersGrpc.UsersService,
  streamsGrpc.StreamsService,
  operationsGrpc.OperationsService,
  gossipGrpc.GossipService,
  monitoringGrpc.MonitoringService,
  serverFeaturesGrpc.ServerFeaturesService,
  projectionsGrpc.ProjectionsService,
];
const REDACTION_PATHS = ['/event_store.client.redaction.Redaction/GetEventPositions', '/event_store.client.redaction.Redaction/SwitchChunks'];

/** The features the server attaches to a method, by the same tests on its names. */
function featuresOf(serviceName: string, methodName: string): string[] {
  if (serviceName.includes('PersistentSubscriptions')) return ['stream', 'all'];
  if (serviceName.includes('Streams') && methodName.includes('Read')) return ['position', 'events'];
  if (serviceName.includes('Streams') && methodName.includes('BatchAppend')) return ['deadline_duration'];
  if (serviceName.includes('ProjectionsInThread') && methodName.includes('Create')) return ['track_emitted_streams'];
  return [];
}

/** `GetSupportedMethods` as a 24.10 node answers it: every method lower-cased, with its features. */
export function supportedMethods(): SupportedMethodsMessage {
  const paths = [...CLIENT_SERVICES.flatMap((service) => (Object.values(service) as Array<{ path: string }>).map((method) => method.path)), ...REDACTION_PATHS];
  const answer = new SupportedMethods().setEventStoreServerVersion(SERVER_VERSION);
  for (const path of paths) {
    const [serviceName = '', methodName = ''] = path.slice(1).split('/');
    answer.addMethods(
      new SupportedMethod()
        .setServiceName(serviceName.toLowerCase())
        .setMethodName(methodName.toLowerCase())
        .setFeaturesList(featuresOf(serviceName, methodName)),
    );
  }
  return answer;
}

export const serverFeaturesHandler = (onCall: () => void) => {
  const methods = supportedMethods();
  return (_call: ServerUnaryCall<unknown, SupportedMethodsMessage>, callback: sendUnaryData<SupportedMethodsMessage>) => {
    onCall();
    callback(null, methods);
  };
};
