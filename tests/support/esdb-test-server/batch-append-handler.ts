import type { ServerDuplexStream, ServiceError } from '@grpc/grpc-js';
import type { EventLog, WriteResult } from './event-log.js';
import type { Faults } from './faults.js';
import {
  AllStreamPosition,
  BatchAppendResp,
  GoogleEmpty,
  type BatchAppendReqMessage,
  type BatchAppendRespMessage,
  type StatusMessage,
  type StreamIdentifierMessage,
} from './batch-append-proto.js';
import { batchAppendStatus } from './batch-append-status.js';
import { addEvents, openWrite, type BatchWrite } from './batch-append-write.js';
import { Empty, ReadReq, type UUIDMessage } from './proto.js';
import { rpcErrors } from './rpc-errors.js';
import { uuidFromMessage, uuidToMessage } from './uuid.js';

type BatchAppendCall = ServerDuplexStream<BatchAppendReqMessage, BatchAppendRespMessage>;

export type BatchAppendSettings = {
  readonly maxAppendSize: number;
  /** EventStoreDB's WriteTimeoutMs (2 s by default): a write not done by then is answered Timeout. */
  readonly writeTimeoutMs: number;
  /** Each write whose final message arrived, each message, each write refused for its expected version: the server's counters. */
  readonly onWrite: () => void;
  readonly onMessage: () => void;
  readonly onConflict: () => void;
  /** Stops the server and starts it again (the restartAfterCommit fault). */
  readonly restart: () => void;
};

/**
 * `BatchAppend`: one long-lived call per client carrying many writes, each named by a correlation
 * id, opened by a message with options and written when a message marked final arrives; the
 * client may split one write over several messages. Every write gets exactly one answer on the
 * response stream, a success or a google.rpc.Status, in the order the writes complete. A fault
 * that loses an answer ends the whole call, as a dropped connection would.
 */
export function batchAppendHandler(log: EventLog, faults: Faults, settings: BatchAppendSettings) {
  return (call: BatchAppendCall) => {
    const open = new Map<string, { readonly write: BatchWrite; readonly expires: NodeJS.Timeout }>();
    const writing = new Set<Promise<void>>();
    let closed = false;

    const answer = (response: BatchAppendRespMessage) => {
      if (!closed) call.write(response);
    };
    const forget = (key: string) => {
      clearTimeout(open.get(key)?.expires);
      open.delete(key);
    };
    const close = () => {
      closed = true;
      for (const key of [...open.keys()]) forget(key);
    };
    const fail = (error: ServiceError) => {
      if (closed) return;
      close();
      call.emit('error', error);
    };

    const commit = (write: BatchWrite) => {
      if (faults.take('rejectBeforeCommit')) return fail(rpcErrors.unavailable('injected: refused before commit'));
      const result = log.write(write.streamName, write.expected, write.events);
      if (faults.take('loseResponseAfterCommit')) return fail(rpcErrors.unavailable('injected: response lost after commit'));
      if (faults.take('restartAfterCommit')) {
        fail(rpcErrors.unavailable('injected: the server went down after the commit'));
        return settings.restart();
      }
      if (result.kind === 'wrong_expected_version') settings.onConflict();
      answer(outcome(write, result, faults.idempotentWithoutPosition));
    };

    const receive = (request: BatchAppendReqMessage) => {
      const correlationId = request.getCorrelationId();
      const key = uuidFromMessage(correlationId);
      if (correlationId === undefined || key === undefined) {
        return fail(rpcErrors.invalidArgument('A batch append request needs a correlation id.'));
      }
      const options = request.getOptions();
      if (options !== undefined && !open.has(key)) {
        const opened = openWrite(correlationId, options, settings.writeTimeoutMs, Date.now());
        if (opened.kind === 'refused') return answer(refusal(correlationId, opened.streamIdentifier, opened.status));
        const expires = setTimeout(() => {
          if (open.get(key)?.write !== opened.write) return;
          open.delete(key);
          // The server's timer names the write by its own copy of the id, in the structured form.
          answer(refusal(uuidToMessage(key, STRUCTURED), opened.write.streamIdentifier, batchAppendStatus.timeout()));
        }, opened.timeoutMs);
        expires.unref();
        open.set(key, { write: opened.write, expires });
      }
      // Messages of a write already answered (or never opened) are ignored, as the server does.
      const write = open.get(key)?.write;
      if (write === undefined) return;

      const unreadable = addEvents(write, request.getProposedMessagesList());
      if (unreadable !== undefined) {
        // The server answers BadRequest but leaves the write to time out and be answered again,
        // which client 6.2.1 cannot take (it has already forgotten the id and throws): one answer here.
        forget(key);
        return answer(refusal(correlationId, write.streamIdentifier, batchAppendStatus.badRequest(unreadable)));
      }
      if (write.size > settings.maxAppendSize) {
        forget(key);
        return answer(refusal(correlationId, write.streamIdentifier, batchAppendStatus.maximumAppendSizeExceeded(settings.maxAppendSize)));
      }
      if (!request.getIsFinal()) return;

      forget(key);
      settings.onWrite();
      if (faults.appendDelayMs <= 0) return commit(write);
      const delayed = holdFor(faults.appendDelayMs, settings.writeTimeoutMs, call).then((held) => {
        if (held === 'cancelled' || closed) return;
        if (held === 'timed-out') return answer(refusal(write.correlationId, write.streamIdentifier, batchAppendStatus.timeout()));
        commit(write);
      });
      writing.add(delayed);
      void delayed.finally(() => writing.delete(delayed));
    };

    call.on('data', (request: BatchAppendReqMessage) => {
      settings.onMessage();
      if (!closed) receive(request);
    });
    // The client half-closed: answer the writes in progress, then end the call; unfinished writes are dropped.
    call.on('end', () => {
      for (const key of [...open.keys()]) forget(key);
      void Promise.all(writing).then(() => {
        if (closed) return;
        close();
        call.end();
      });
    });
    call.on('cancelled', close);
    call.on('error', close);
  };
}

const STRUCTURED = new ReadReq.Options.UUIDOption().setStructured(new Empty());

function refusal(correlationId: UUIDMessage, streamIdentifier: StreamIdentifierMessage | undefined, status: StatusMessage): BatchAppendRespMessage {
  return new BatchAppendResp().setCorrelationId(correlationId).setStreamIdentifier(streamIdentifier).setError(status);
}

/** Success.Completed: the last revision (or no_stream) and the commit position (or no_position). */
function outcome(write: BatchWrite, result: WriteResult, idempotentWithoutPosition: boolean): BatchAppendRespMessage {
  if (result.kind === 'wrong_expected_version') {
    return refusal(write.correlationId, write.streamIdentifier, batchAppendStatus.wrongExpectedVersion(result.currentVersion, write.expected));
  }
  const success = new BatchAppendResp.Success();
  if (result.lastRevision < 0n) success.setNoStream(new GoogleEmpty());
  else success.setCurrentRevision(result.lastRevision.toString());
  if (result.kind === 'idempotent' && idempotentWithoutPosition) {
    success.setNoPosition(new GoogleEmpty());
  } else {
    // As for Append: a self-committed write's commit and prepare positions are its last event's.
    const position = result.logPosition.toString();
    success.setPosition(new AllStreamPosition().setCommitPosition(position).setPreparePosition(position));
  }
  return new BatchAppendResp().setCorrelationId(write.correlationId).setStreamIdentifier(write.streamIdentifier).setSuccess(success);
}

/** Waits out an injected delay; the server's write timeout, or the call ending, cuts it short. */
function holdFor(delayMs: number, timeoutMs: number, call: BatchAppendCall): Promise<'ready' | 'timed-out' | 'cancelled'> {
  return new Promise((resolve) => {
    const settle = (held: 'ready' | 'timed-out' | 'cancelled') => {
      clearTimeout(ready);
      clearTimeout(timedOut);
      call.off('cancelled', cancelled);
      resolve(held);
    };
    const cancelled = () => settle('cancelled');
    const ready = setTimeout(() => settle('ready'), delayMs);
    const timedOut = setTimeout(() => settle('timed-out'), timeoutMs);
    call.once('cancelled', cancelled);
  });
}
