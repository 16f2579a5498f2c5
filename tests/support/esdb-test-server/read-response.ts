import { ReadResp, StreamIdentifier, type ReadRespMessage, type UUIDOptionMessage } from './proto.js';
import type { RecordedEvent } from './recorded-event.js';
import { uuidToMessage } from './uuid.js';

/** ReadResp messages as the server writes them (see its ResponseConverter). */
export const readResponses = {
  event(event: RecordedEvent, uuidOption: UUIDOptionMessage | undefined): ReadRespMessage {
    const recorded = new ReadResp.ReadEvent.RecordedEvent();
    recorded.setId(uuidToMessage(event.eventId, uuidOption));
    recorded.setStreamIdentifier(streamIdentifier(event.streamName));
    recorded.setStreamRevision(event.revision.toString());
    recorded.setCommitPosition(event.logPosition.toString());
    recorded.setPreparePosition(event.logPosition.toString());
    const metadata = recorded.getMetadataMap();
    metadata.set('type', event.type);
    metadata.set('created', event.created.toString());
    metadata.set('content-type', event.contentType);
    recorded.setCustomMetadata(event.customMetadata);
    recorded.setData(event.data);
    const readEvent = new ReadResp.ReadEvent();
    readEvent.setEvent(recorded);
    // Every event the test server holds committed itself, so its position is always known.
    readEvent.setCommitPosition(event.logPosition.toString());
    return new ReadResp().setEvent(readEvent);
  },
  confirmation(subscriptionId: string): ReadRespMessage {
    const confirmation = new ReadResp.SubscriptionConfirmation();
    confirmation.setSubscriptionId(subscriptionId);
    return new ReadResp().setConfirmation(confirmation);
  },
  checkpoint(position: bigint): ReadRespMessage {
    const checkpoint = new ReadResp.Checkpoint();
    checkpoint.setCommitPosition(position.toString());
    checkpoint.setPreparePosition(position.toString());
    return new ReadResp().setCheckpoint(checkpoint);
  },
  caughtUp(): ReadRespMessage {
    return new ReadResp().setCaughtUp(new ReadResp.CaughtUp());
  },
  streamNotFound(streamName: string): ReadRespMessage {
    const notFound = new ReadResp.StreamNotFound();
    notFound.setStreamIdentifier(streamIdentifier(streamName));
    return new ReadResp().setStreamNotFound(notFound);
  },
} as const;

function streamIdentifier(streamName: string) {
  const identifier = new StreamIdentifier();
  identifier.setStreamName(Buffer.from(streamName, 'utf8'));
  return identifier;
}
