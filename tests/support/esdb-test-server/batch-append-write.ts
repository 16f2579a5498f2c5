import type { BatchAppendOptionsMessage, BatchAppendProposedMessage, StatusMessage, StreamIdentifierMessage } from './batch-append-proto.js';
import { batchAppendStatus } from './batch-append-status.js';
import type { UUIDMessage } from './proto.js';
import { ExpectedVersion, type ProposedEvent } from './recorded-event.js';
import { uuidFromMessage } from './uuid.js';

const JSON_CONTENT_TYPE = 'application/json';
const OCTET_STREAM = 'application/octet-stream';

/**
 * One write of a BatchAppend call: opened by the message carrying its options, filled by every
 * message with its correlation id, written when the one marked final arrives.
 */
export type BatchWrite = {
  /** As the client sent it; every answer echoes it. */
  readonly correlationId: UUIDMessage;
  readonly streamIdentifier: StreamIdentifierMessage;
  readonly streamName: string;
  readonly expected: bigint;
  readonly events: ProposedEvent[];
  /** Event.SizeOnDisk summed over the events so far. */
  size: number;
};

/** The server's checks on a write's options, in its order; a refusal is answered at once. */
export function openWrite(correlationId: UUIDMessage, options: BatchAppendOptionsMessage, writeTimeoutMs: number, nowMs: number):
  | { readonly kind: 'opened'; readonly write: BatchWrite; readonly timeoutMs: number }
  | { readonly kind: 'refused'; readonly streamIdentifier: StreamIdentifierMessage | undefined; readonly status: StatusMessage } {
  const streamIdentifier = options.getStreamIdentifier();
  if (streamIdentifier === undefined) {
    return { kind: 'refused', streamIdentifier, status: batchAppendStatus.badRequest('Required field StreamIdentifier not set.') };
  }
  // The deadline bounds how long the write may wait for its final message, and never beyond the
  // server's own write timeout.
  const requested = options.hasDeadline() ? options.getDeadline()!.toDate().getTime() - nowMs : Number.POSITIVE_INFINITY;
  const timeoutMs = Math.min(requested, writeTimeoutMs);
  if (timeoutMs <= 0) return { kind: 'refused', streamIdentifier, status: batchAppendStatus.timeout() };
  const expected = expectedVersionOf(options);
  if (expected === undefined) {
    return { kind: 'refused', streamIdentifier, status: batchAppendStatus.badRequest('Expected stream position not set.') };
  }
  const streamName = Buffer.from(streamIdentifier.getStreamName_asU8()).toString('utf8');
  if (streamName === '') return { kind: 'refused', streamIdentifier, status: batchAppendStatus.badRequest('An append needs a stream name.') };
  return { kind: 'opened', write: { correlationId, streamIdentifier, streamName, expected, events: [], size: 0 }, timeoutMs };
}

/** Adds a message's events; the reason a proposed message cannot be read, if one cannot. */
export function addEvents(write: BatchWrite, messages: readonly BatchAppendProposedMessage[]): string | undefined {
  for (const message of messages) {
    const metadata = message.getMetadataMap();
    const eventId = uuidFromMessage(message.getId());
    if (eventId === undefined) return 'Unrecognized Guid format.';
    const type = metadata.get('type');
    if (type === undefined) return "The given key 'type' was not present in the dictionary.";
    const contentType = metadata.get('content-type');
    if (contentType === undefined) return "The given key 'content-type' was not present in the dictionary.";
    const data = message.getData_asU8();
    const customMetadata = message.getCustomMetadata_asU8();
    // Event.SizeOnDisk: data + metadata + the type as UTF-16, as for Append.
    write.size += data.length + customMetadata.length + type.length * 2;
    write.events.push({
      eventId,
      type,
      contentType: contentType === JSON_CONTENT_TYPE ? JSON_CONTENT_TYPE : OCTET_STREAM,
      data,
      customMetadata,
    });
  }
  return undefined;
}

function expectedVersionOf(options: BatchAppendOptionsMessage): bigint | undefined {
  if (options.hasStreamPosition()) return BigInt(options.getStreamPosition());
  if (options.hasNoStream()) return ExpectedVersion.noStream;
  if (options.hasStreamExists()) return ExpectedVersion.streamExists;
  if (options.hasAny()) return ExpectedVersion.any;
  return undefined;
}
