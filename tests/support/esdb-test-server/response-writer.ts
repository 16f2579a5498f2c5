import type { ServerWritableStream, ServiceError } from '@grpc/grpc-js';
import type { ReadReqMessage, ReadRespMessage } from './proto.js';

type ReadCall = ServerWritableStream<ReadReqMessage, ReadRespMessage>;

/**
 * The outgoing side of a `Read` call: writes respect the transport's backpressure, and every
 * wait ends as soon as the client cancels or the server stops, so no pump outlives its call.
 */
export class ResponseWriter {
  readonly #call: ReadCall;
  readonly #closed: Promise<void>;
  #isClosed = false;

  constructor(call: ReadCall, stopping: AbortSignal) {
    this.#call = call;
    this.#closed = new Promise((resolve) => {
      const close = () => {
        this.#isClosed = true;
        stopping.removeEventListener('abort', close);
        resolve();
      };
      call.once('cancelled', close);
      call.once('close', close);
      if (stopping.aborted) close();
      else stopping.addEventListener('abort', close, { once: true });
    });
  }

  get closed(): boolean {
    return this.#isClosed || this.#call.cancelled;
  }

  async write(message: ReadRespMessage): Promise<boolean> {
    if (this.closed) return false;
    if (!this.#call.write(message)) {
      await this.until(new Promise<void>((resolve) => this.#call.once('drain', () => resolve())));
    }
    return !this.closed;
  }

  /** Waits for `event`, or for the call to close; true when the event came first. */
  async until(event: Promise<unknown>): Promise<boolean> {
    await Promise.race([event, this.#closed]);
    return !this.closed;
  }

  end(): void {
    if (!this.closed) this.#call.end();
  }

  fail(error: ServiceError): void {
    if (!this.closed) this.#call.emit('error', error);
  }
}
