import { BACKWARDS, END, FORWARDS, type EventStoreDBClient } from '@eventstore/db-client';
import type { ReadStreamsOptions, StoredEvent } from '../eventstore.js';
import { inStreamsCut } from '../shared/partition.js';
import { decodeGlobalPosition, encodeGlobalPosition } from './global-position.js';

/**
 * The last position of $all, system events included (an upper bound is all a cut needs).
 * A backwards read of one event from the end.
 */
export async function headPositionOnce(client: EventStoreDBClient): Promise<bigint | null> {
  let head: bigint | null = null;
  // Read to the end of the (one-event) response: leaving a call early can leave it open until dispose.
  for await (const resolved of client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 })) {
    const position = resolved.event?.position;
    if (position !== undefined && head === null) head = encodeGlobalPosition(position);
  }
  return head;
}

/**
 * The id of the event at exactly this position of $all, system events included: a forward read
 * of one event from it (the start is inclusive); another event first means there is none there.
 */
export async function eventIdAtOnce(client: EventStoreDBClient, globalPosition: bigint): Promise<string | null> {
  if (globalPosition < 0n || globalPosition >> 128n !== 0n) return null;
  let id: string | null = null;
  for await (const resolved of client.readAll({ direction: FORWARDS, fromPosition: decodeGlobalPosition(globalPosition), maxCount: 1 })) {
    const event = resolved.event;
    if (event?.position !== undefined && id === null && encodeGlobalPosition(event.position) === globalPosition) id = event.id;
  }
  return id;
}

/**
 * EventStoreDB has no read of many streams in stream order, so the streams of a prefix are
 * gathered from a filtered $all read (in the caller's process, one partition's streams only)
 * and handed out whole.
 */
export async function* streamsFromAll(
  log: AsyncIterable<StoredEvent>,
  prefix: string,
  options: ReadStreamsOptions,
): AsyncGenerator<readonly StoredEvent[]> {
  const streams = new Map<string, StoredEvent[]>();
  for await (const event of log) {
    if (options.upTo !== undefined && event.globalPosition > options.upTo) break;
    if (!inStreamsCut(event.streamName, prefix, options)) continue;
    const stream = streams.get(event.streamName);
    if (stream) stream.push(event);
    else streams.set(event.streamName, [event]);
  }
  for (const stream of streams.values()) yield stream;
}
