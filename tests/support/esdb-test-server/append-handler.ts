import type { sendUnaryData, ServerReadableStream, ServiceError } from '@grpc/grpc-js';
import type { EventLog } from './event-log.js';
import type { Faults } from './faults.js';
import { AppendResp, Empty, type AppendOptionsMessage, type AppendReqMessage, type AppendRespMessage } from './proto.js';
import { ExpectedVersion, type ProposedEvent } from './recorded-event.js';
import { rpcErrors } from './rpc-errors.js';
import { uuidFromMessage } from './uuid.js';

type AppendCall = ServerReadableStream<AppendReqMessage, AppendRespMessage>;

const JSON_CONTENT_TYPE = 'application/json';
const OCTET_STREAM = 'application/octet-stream';

export type AppendSettings = {
  readonly maxAppendSize: number;
  /** Stops the server and starts it again (the restartAfterCommit fault). */
  readonly restart: () => void;
};

/**
 * `Append`: one options message, then the proposed events; the write happens once the client
 * half-closes, as on the server, so a call dropped mid-stream writes nothing.
 */
export function appendHandler(log: EventLog, faults: Faults, settings: AppendSettings) {
  return (call: AppendCall, callback: sendUnaryData<AppendRespMessage>) => {
    let options: AppendOptionsMessage | undefined;
    const proposed: ProposedEvent[] = [];
    let size = 0;
    let answered = false;
    const answer = (error: ServiceError | null, response?: AppendRespMessage) => {
      if (answered) return;
      answered = true;
      callback(error, response);
    };

    call.on('data', (request: AppendReqMessage) => {
      if (answered) return;
      if (options === undefined) {
        if (!request.hasOptions()) return answer(rpcErrors.invalidArgument('The first append message must carry options.'));
        options = request.getOptions()!;
        return;
      }
      const message = request.getProposedMessage();
      if (message === undefined) return answer(rpcErrors.invalidArgument('Expected a proposed message.'));
      const metadata = message.getMetadataMap();
      const type = metadata.get('type');
      if (type === undefined) return answer(rpcErrors.requiredMetadataPropertyMissing('type'));
      const contentType = metadata.get('content-type');
      if (contentType === undefined) return answer(rpcErrors.requiredMetadataPropertyMissing('content-type'));
      const eventId = uuidFromMessage(message.getId());
      if (eventId === undefined) return answer(rpcErrors.unknown('Exception was thrown by handler.'));
      const data = message.getData_asU8();
      const customMetadata = message.getCustomMetadata_asU8();
      // Event.SizeOnDisk: data + metadata + the type as UTF-16.
      size += data.length + customMetadata.length + type.length * 2;
      if (size > settings.maxAppendSize) return answer(rpcErrors.maximumAppendSizeExceeded(settings.maxAppendSize));
      proposed.push({
        eventId,
        type,
        contentType: contentType === JSON_CONTENT_TYPE ? JSON_CONTENT_TYPE : OCTET_STREAM,
        data,
        customMetadata,
      });
    });

    call.on('end', async () => {
      if (answered) return;
      if (options === undefined) return answer(rpcErrors.invalidArgument('An append needs options.'));
      const streamName = Buffer.from(options.getStreamIdentifier()?.getStreamName_asU8() ?? []).toString('utf8');
      if (streamName === '') return answer(rpcErrors.invalidArgument('An append needs a stream name.'));
      if (faults.appendDelayMs > 0) await delayUnlessCancelled(call, faults.appendDelayMs);
      if (call.cancelled) return;
      if (faults.take('rejectBeforeCommit')) return answer(rpcErrors.unavailable('injected: refused before commit'));

      const expected = expectedVersionOf(options);
      const result = log.write(streamName, expected, proposed);
      if (faults.take('loseResponseAfterCommit')) return answer(rpcErrors.unavailable('injected: response lost after commit'));
      if (faults.take('restartAfterCommit')) {
        answer(rpcErrors.unavailable('injected: the server went down after the commit'));
        return settings.restart();
      }
      if (result.kind === 'wrong_expected_version') return answer(null, wrongExpectedVersion(options, expected, result.currentVersion));
      const withoutPosition = result.kind === 'idempotent' && faults.idempotentWithoutPosition;
      answer(null, success(result.lastRevision, withoutPosition ? undefined : result.logPosition));
    });

    call.on('error', () => answer(rpcErrors.unavailable('append stream failed')));
  };
}

/** The injected delay ends early when the call does, so no timer outlives a stopped server. */
function delayUnlessCancelled(call: AppendCall, ms: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      call.off('cancelled', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    call.once('cancelled', done);
  });
}

function expectedVersionOf(options: AppendOptionsMessage): bigint {
  if (options.hasRevision()) return BigInt(options.getRevision());
  if (options.hasNoStream()) return ExpectedVersion.noStream;
  if (options.hasStreamExists()) return ExpectedVersion.streamExists;
  return ExpectedVersion.any;
}

function success(lastRevision: bigint, logPosition: bigint | undefined): AppendRespMessage {
  const body = new AppendResp.Success();
  if (lastRevision < 0n) body.setNoStream(new Empty());
  else body.setCurrentRevision(lastRevision.toString());
  if (logPosition === undefined) {
    body.setNoPosition(new Empty());
  } else {
    // The server answers with the commit position for both halves; for a self-committed write
    // that is the log position of its last event.
    const position = new AppendResp.Position();
    position.setCommitPosition(logPosition.toString());
    position.setPreparePosition(logPosition.toString());
    body.setPosition(position);
  }
  return new AppendResp().setSuccess(body);
}

/** Fills the current and the deprecated 20.6.0 fields, as the server does. */
function wrongExpectedVersion(options: AppendOptionsMessage, expected: bigint, current: bigint): AppendRespMessage {
  const body = new AppendResp.WrongExpectedVersion();
  if (options.hasAny()) {
    body.setExpectedAny(new Empty());
    body.setAny2060(new Empty());
  } else if (options.hasStreamExists()) {
    body.setExpectedStreamExists(new Empty());
    body.setStreamExists2060(new Empty());
  } else if (options.hasNoStream()) {
    body.setExpectedNoStream(new Empty());
  } else {
    body.setExpectedRevision(expected.toString());
    body.setExpectedRevision2060(Number(expected));
  }
  if (current < 0n) {
    body.setCurrentNoStream(new Empty());
    body.setNoStream2060(new Empty());
  } else {
    body.setCurrentRevision(current.toString());
    body.setCurrentRevision2060(Number(current));
  }
  return new AppendResp().setWrongExpectedVersion(body);
}
