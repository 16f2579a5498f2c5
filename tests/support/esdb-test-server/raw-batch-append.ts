import { randomUUID } from 'node:crypto';
import { credentials, type ClientDuplexStream } from '@grpc/grpc-js';
import { Timestamp } from 'google-protobuf/google/protobuf/timestamp_pb.js';
import streamsGrpc from '@eventstore/db-client/generated/streams_grpc_pb.js';
import {
  BatchAppendReq,
  GoogleEmpty,
  type BatchAppendOptionsMessage,
  type BatchAppendProposedMessage,
  type BatchAppendReqMessage,
  type BatchAppendRespMessage,
} from './batch-append-proto.js';
import { StreamIdentifier, UUID } from './proto.js';

export type RawExpected = bigint | 'any' | 'no_stream' | 'stream_exists';

/**
 * A bare `BatchAppend` call against the test server, for what the client never sends (a write
 * whose final message does not come, interleaved writes, a deadline already past) and for the
 * answers' wire form. Answers are queued in arrival order.
 */
export class RawBatchAppend {
  readonly #client: InstanceType<typeof streamsGrpc.StreamsClient>;
  readonly #call: ClientDuplexStream<BatchAppendReqMessage, BatchAppendRespMessage>;
  readonly #answers: BatchAppendRespMessage[] = [];
  #waiting: ((answer: BatchAppendRespMessage) => void) | undefined;

  constructor(port: number) {
    this.#client = new streamsGrpc.StreamsClient(`127.0.0.1:${port}`, credentials.createInsecure());
    this.#call = this.#client.batchAppend();
    this.#call.on('data', (answer: BatchAppendRespMessage) => {
      const waiting = this.#waiting;
      this.#waiting = undefined;
      if (waiting) waiting(answer);
      else this.#answers.push(answer);
    });
    this.#call.on('error', () => undefined);
  }

  send(request: BatchAppendReqMessage): void {
    this.#call.write(request);
  }

  /** The next answer, or a rejection after `ms` without one. */
  next(ms = 2_000): Promise<BatchAppendRespMessage> {
    const queued = this.#answers.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiting = undefined;
        reject(new Error(`no answer within ${ms} ms`));
      }, ms);
      this.#waiting = (answer) => {
        clearTimeout(timer);
        resolve(answer);
      };
    });
  }

  close(): void {
    this.#call.cancel();
    this.#client.close();
  }
}

export const batchRequest = {
  options(streamName: string, expected: RawExpected, deadline?: Date): BatchAppendOptionsMessage {
    const options = new BatchAppendReq.Options().setStreamIdentifier(new StreamIdentifier().setStreamName(Buffer.from(streamName)));
    if (expected === 'any') options.setAny(new GoogleEmpty());
    else if (expected === 'no_stream') options.setNoStream(new GoogleEmpty());
    else if (expected === 'stream_exists') options.setStreamExists(new GoogleEmpty());
    else options.setStreamPosition(expected.toString());
    if (deadline) options.setDeadline(Timestamp.fromDate(deadline));
    return options;
  },
  message(
    correlationId: string,
    parts: { readonly options?: BatchAppendOptionsMessage; readonly events?: readonly BatchAppendProposedMessage[]; readonly final: boolean },
  ): BatchAppendReqMessage {
    const request = new BatchAppendReq().setCorrelationId(new UUID().setString(correlationId)).setIsFinal(parts.final);
    if (parts.options) request.setOptions(parts.options);
    request.setProposedMessagesList([...(parts.events ?? [])]);
    return request;
  },
  event(data: unknown, eventId: string = randomUUID()): BatchAppendProposedMessage {
    const message = new BatchAppendReq.ProposedMessage().setId(new UUID().setString(eventId)).setData(Buffer.from(JSON.stringify(data)));
    message.getMetadataMap().set('type', 'Happened').set('content-type', 'application/json');
    return message;
  },
};
