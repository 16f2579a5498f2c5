import { randomUUID } from 'node:crypto';
import type { EventFilter } from './event-filter.js';
import type { EventLog } from './event-log.js';
import type { UUIDOptionMessage } from './proto.js';
import { compareToPosition, type AllStart, type StreamStart } from './reads.js';
import { readResponses } from './read-response.js';
import type { ResponseWriter } from './response-writer.js';

/**
 * Subscriptions follow the server's enumerators: confirm, catch up from the checkpoint
 * (exclusive), send `caught_up`, then follow live commits. The log is in memory, so catch-up
 * and live read the same array from a cursor; a commit wakes the pump.
 */
export async function subscribeToStream(
  log: EventLog,
  writer: ResponseWriter,
  streamName: string,
  start: StreamStart,
  uuidOption: UUIDOptionMessage | undefined,
): Promise<void> {
  if (!(await writer.write(readResponses.confirmation(randomUUID())))) return;
  const lastRevision = () => (log.stream(streamName)?.length ?? 0) - 1;
  // The next revision to send.
  let next = start.kind === 'start' ? 0 : start.kind === 'end' ? lastRevision() + 1 : Number(start.revision) + 1;
  let caughtUp = false;
  for (;;) {
    // Registered before the scan, so a commit during the awaits below still wakes us.
    const committed = log.nextCommit();
    const events = log.stream(streamName) ?? [];
    while (next < events.length) {
      if (!(await writer.write(readResponses.event(events[next]!, uuidOption)))) return;
      next += 1;
    }
    if (!caughtUp) {
      caughtUp = true;
      if (!(await writer.write(readResponses.caughtUp()))) return;
    }
    if (!(await writer.until(committed))) return;
  }
}

/**
 * A $all subscription. With a filter, every considered event counts towards the checkpoint
 * interval; a checkpoint is sent when it is reached (at that event's position) and once when
 * catch-up ends, as the server does.
 */
export async function subscribeToAll(
  log: EventLog,
  writer: ResponseWriter,
  start: AllStart,
  filter: EventFilter | undefined,
  uuidOption: UUIDOptionMessage | undefined,
): Promise<void> {
  if (!(await writer.write(readResponses.confirmation(randomUUID())))) return;
  let next = firstIndexAfter(log, start);
  let considered = 0;
  let checkpoint: bigint | undefined = start.kind === 'position' ? start.position.commit : undefined;
  let lastCheckpointSent = -1n;
  // The server never sends a checkpoint at or before one it already sent.
  const sendCheckpoint = async (position: bigint) => {
    if (position <= lastCheckpointSent) return true;
    lastCheckpointSent = position;
    return writer.write(readResponses.checkpoint(position));
  };
  let caughtUp = false;
  for (;;) {
    const committed = log.nextCommit();
    const events = log.events;
    while (next < events.length) {
      const event = events[next]!;
      next += 1;
      if (filter === undefined || filter.matches(event)) {
        if (!(await writer.write(readResponses.event(event, uuidOption)))) return;
      }
      checkpoint = event.logPosition;
      if (filter !== undefined && ++considered >= filter.checkpointInterval) {
        considered = 0;
        if (!(await sendCheckpoint(event.logPosition))) return;
      }
    }
    if (!caughtUp) {
      caughtUp = true;
      if (filter !== undefined) {
        // A fresh log starts with a record at 0 the subscription has "seen"; an empty one has none.
        const position = checkpoint ?? (events.length > 0 ? 0n : undefined);
        if (position !== undefined && !(await sendCheckpoint(position))) return;
      }
      if (!(await writer.write(readResponses.caughtUp()))) return;
    }
    if (!(await writer.until(committed))) return;
  }
}

function firstIndexAfter(log: EventLog, start: AllStart): number {
  if (start.kind === 'start') return 0;
  if (start.kind === 'end') return log.events.length;
  let index = log.indexAtOrAfter(start.position.commit);
  while (index < log.events.length && compareToPosition(log.events[index]!, start.position) <= 0) index += 1;
  return index;
}
