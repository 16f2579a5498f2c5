import type { Readable } from 'node:stream';

/**
 * Iterates one of the client's object streams. The client re-emits gRPC errors on its streams
 * from a listener of its own, possibly after the stream has ended: without a listener of ours
 * that late 'error' would be unhandled and crash the process, and without checking it after the
 * loop a failed read could pass for a short one.
 */
export async function* consume<T>(readable: Readable): AsyncGenerator<T, void, undefined> {
  let failure: unknown;
  readable.on('error', (error: unknown) => {
    failure ??= error;
  });
  for await (const item of readable) yield item as T;
  if (failure !== undefined) throw failure;
}
