import { BACKWARDS, END, FORWARDS, StreamNotFoundError, type EventStoreDBClient, type ResolvedEvent } from '@eventstore/db-client';
import type { ReadStreamOptions, StoredEvent } from '../eventstore.js';
import { resolveStreamSlice } from '../shared/read-options.js';
import { consume } from './consume.js';
import { toStoredEvent } from './to-stored-event.js';

/** One attempt at a stream read; an absent stream reads as [], as the port says. */
export async function readStreamOnce(
  client: EventStoreDBClient,
  streamName: string,
  options: ReadStreamOptions,
): Promise<StoredEvent[]> {
  const { direction, from, maxCount } = resolveStreamSlice(options);
  if (maxCount === 0) return [];
  const read = client.readStream(streamName, {
    direction: direction === 'forwards' ? FORWARDS : BACKWARDS,
    fromRevision: from === undefined ? END : BigInt(from),
    ...(Number.isFinite(maxCount) ? { maxCount } : {}),
  });
  const events: StoredEvent[] = [];
  try {
    for await (const resolved of consume<ResolvedEvent>(read)) {
      if (resolved.event !== undefined) events.push(toStoredEvent(resolved.event));
    }
  } catch (error) {
    if (error instanceof StreamNotFoundError) return [];
    throw error;
  }
  return events;
}

/** The stream's last event, if it has one: its version and global position in one read. */
export async function lastEventOnce(client: EventStoreDBClient, streamName: string): Promise<StoredEvent | undefined> {
  const [last] = await readStreamOnce(client, streamName, { direction: 'backwards', maxCount: 1 });
  return last;
}
