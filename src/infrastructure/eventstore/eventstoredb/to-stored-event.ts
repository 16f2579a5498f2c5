import type { JsonObject, StoredEvent } from '../eventstore.js';
import { toSafeNumber } from './expected-revision.js';
import { encodeGlobalPosition, type AllPosition } from './global-position.js';

const UNKNOWN_POSITION = (1n << 64n) - 1n;

/** The fields of an EventStoreDB recorded event the port needs, as the client hands them out. */
export type EsdbRecordedEvent = {
  readonly id: string;
  readonly streamId: string;
  readonly revision: bigint;
  readonly type: string;
  readonly isJson: boolean;
  readonly data: unknown;
  readonly metadata: unknown;
  readonly position?: AllPosition | undefined;
};

/**
 * A recorded event as the port's StoredEvent. Events this store writes are JSON with JSON
 * metadata; anything else (another writer's binary event, a missing position) cannot be
 * represented and is refused loudly rather than skipped or guessed at.
 */
export function toStoredEvent(recorded: EsdbRecordedEvent): StoredEvent {
  // Older servers sent no position on stream reads (Position.End, all ones, on the wire); a
  // made-up global position would corrupt every checkpoint taken from it.
  if (recorded.position === undefined || recorded.position.commit === UNKNOWN_POSITION) {
    throw new Error(`EventStoreDB sent event ${recorded.id} of ${recorded.streamId} without its $all position`);
  }
  return {
    eventId: recorded.id,
    type: recorded.type,
    data: asJsonObject(recorded.isJson ? recorded.data : decodeJson(recorded.data), recorded, 'data'),
    metadata: recorded.metadata === undefined ? {} : asJsonObject(decodeJson(recorded.metadata), recorded, 'metadata'),
    streamName: recorded.streamId,
    streamPosition: toSafeNumber(recorded.revision, 'stream revision'),
    globalPosition: encodeGlobalPosition(recorded.position),
  };
}

/** The client parses JSON metadata itself but hands out bytes when parsing failed. */
function decodeJson(value: unknown): unknown {
  if (!(value instanceof Uint8Array)) return value;
  try {
    return JSON.parse(Buffer.from(value).toString('utf8'));
  } catch {
    return value;
  }
}

function asJsonObject(value: unknown, recorded: EsdbRecordedEvent, field: 'data' | 'metadata'): JsonObject {
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array)) {
    return value as JsonObject;
  }
  throw new Error(`event ${recorded.id} of ${recorded.streamId}: ${field} is not a JSON object`);
}
