import { Metadata, status, type ServiceError } from '@grpc/grpc-js';

/**
 * Status errors shaped like EventStoreDB's RpcExceptions: the client recognises them by the
 * `exception` trailer (see its convertToCommandError), not by the status code alone.
 */
function rpcError(code: status, details: string, trailers: Record<string, string> = {}): ServiceError {
  const metadata = new Metadata();
  for (const [key, value] of Object.entries(trailers)) metadata.set(key, value);
  return Object.assign(new Error(`${code} ${status[code]}: ${details}`), { code, details, metadata });
}

export const rpcErrors = {
  maximumAppendSizeExceeded: (maxAppendSize: number) =>
    rpcError(status.INVALID_ARGUMENT, `Maximum Append Size of ${maxAppendSize} Exceeded.`, {
      exception: 'maximum-append-size-exceeded',
      'maximum-append-size': String(maxAppendSize),
    }),
  requiredMetadataPropertyMissing: (property: string) =>
    rpcError(status.INVALID_ARGUMENT, `Required Metadata Property '${property}' is missing`, {
      exception: 'missing-required-metadata-property',
      'required-metadata-properties': property,
    }),
  invalidArgument: (details: string) => rpcError(status.INVALID_ARGUMENT, details),
  /** What an exception the server did not expect (an id Guid.Parse refuses) turns into. */
  unknown: (details: string) => rpcError(status.UNKNOWN, details),
  invalidCombination: (combination: string) =>
    rpcError(status.INVALID_ARGUMENT, `The combination of ${combination} is invalid.`),
  /** Not a server error: the fault injector's stand-in for a connection lost after the write. */
  unavailable: (details: string) => rpcError(status.UNAVAILABLE, details),
} as const;
