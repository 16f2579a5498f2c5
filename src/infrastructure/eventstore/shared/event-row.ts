import type { JsonObject, StoredEvent } from '../eventstore.js';

/** One stored event as the adapters keep it: JSON still serialized, global position as a number. */
export type EventRow = {
  readonly global_position: number;
  readonly stream_name: string;
  readonly stream_position: number;
  readonly event_id: string;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
};

/** Parses a row's JSON once; every read hands out fresh objects, so no caller can alter what is stored. */
export function toStoredEvent(row: EventRow): StoredEvent {
  return {
    eventId: row.event_id,
    type: row.type,
    data: JSON.parse(row.data) as JsonObject,
    metadata: JSON.parse(row.metadata) as JsonObject,
    streamName: row.stream_name,
    streamPosition: row.stream_position,
    globalPosition: BigInt(row.global_position),
  };
}
