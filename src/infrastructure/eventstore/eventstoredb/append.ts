import { FORWARDS, jsonEvent, type EventStoreDBClient, type ResolvedEvent } from '@eventstore/db-client';
import { WrongExpectedVersionError, type AppendResult } from '../eventstore.js';
import type { ValidAppend } from '../shared/append-limits.js';
import { satisfiesExpectedVersion } from '../shared/expected-version.js';
import { withinDeadline } from './attempt-deadline.js';
import { consume } from './consume.js';
import { toExpectedRevision, toSafeNumber } from './expected-revision.js';
import { encodeGlobalPosition } from './global-position.js';
import { lastEventOnce } from './read-stream.js';
import { toStoredEvent } from './to-stored-event.js';

/**
 * One append attempt. The events go as JSON events with their own ids, so an attempt repeated
 * after a lost answer is recognised by the server as the same write. The answer's position is
 * the commit position of the write's last event, which for a write of self-committed events is
 * that event's $all position.
 */
export async function appendOnce(client: EventStoreDBClient, append: ValidAppend, deadlineMs: number): Promise<AppendResult> {
  if (append.events.length === 0) return checkEmptyAppend(client, append);
  const attempt = client.appendToStream(
    append.streamName,
    append.events.map((event) =>
      jsonEvent({
        id: event.eventId,
        type: event.type,
        // A fresh copy of the validated JSON: what is sent is what was checked.
        data: JSON.parse(event.data) as Record<string, unknown>,
        metadata: new Uint8Array(Buffer.from(event.metadata, 'utf8')),
      }),
    ),
    { expectedRevision: toExpectedRevision(append.expectedVersion), deadline: deadlineMs },
  );
  const result = await withinDeadline(attempt, deadlineMs);
  const nextExpectedVersion = toSafeNumber(result.nextExpectedRevision, 'stream revision');
  const lastGlobalPosition = result.position
    ? encodeGlobalPosition(result.position)
    : await positionOfRevision(client, append.streamName, result.nextExpectedRevision);
  return { nextExpectedVersion, lastGlobalPosition };
}

/**
 * An empty batch writes nothing. The server would still write an empty record and answer with
 * a position no event has (and client 6.2.1 misreads its "no stream" answer as revision 0), so
 * the expected version is checked against the stream's last event instead, as the other
 * adapters do.
 */
async function checkEmptyAppend(client: EventStoreDBClient, append: ValidAppend): Promise<AppendResult> {
  const last = await lastEventOnce(client, append.streamName);
  const actual = last?.streamPosition ?? -1;
  if (!satisfiesExpectedVersion(append.expectedVersion, actual)) {
    throw new WrongExpectedVersionError(append.streamName, append.expectedVersion, actual);
  }
  return { nextExpectedVersion: actual, lastGlobalPosition: last?.globalPosition ?? -1n };
}

/** Servers that answer an idempotent write without a position: read it from the event itself. */
async function positionOfRevision(client: EventStoreDBClient, streamName: string, revision: bigint): Promise<bigint> {
  const read = client.readStream(streamName, { fromRevision: revision, direction: FORWARDS, maxCount: 1 });
  for await (const resolved of consume<ResolvedEvent>(read)) {
    if (resolved.event !== undefined) return toStoredEvent(resolved.event).globalPosition;
  }
  throw new Error(`EventStoreDB acknowledged ${streamName}@${revision} but the event cannot be read`);
}
