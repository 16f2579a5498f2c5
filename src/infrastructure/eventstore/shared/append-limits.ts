import { InvalidAppendError, type EventToAppend, type ExpectedVersion } from '../eventstore.js';

export const MAX_EVENTS_PER_APPEND = 1000;
/** Serialized data plus metadata of one event, in UTF-8 bytes. */
export const MAX_EVENT_BYTES = 1024 * 1024;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An event as adapters store it: JSON already serialized, the id in canonical lower case. */
type SerializedEvent = {
  readonly eventId: string;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
};

/** An append that has passed every store limit and is ready to be checked against the log. */
export type ValidAppend = {
  readonly streamName: string;
  readonly expectedVersion: ExpectedVersion;
  readonly events: readonly SerializedEvent[];
};

/**
 * Checks an append against the store limits and serializes it, once, before it reaches any
 * storage, so a refused batch can never be half-written. Throws InvalidAppendError.
 */
export function validateAppend(
  streamName: unknown,
  events: unknown,
  expectedVersion: unknown = 'any',
): ValidAppend {
  if (typeof streamName !== 'string' || streamName.length === 0) {
    throw new InvalidAppendError('stream name must be a non-empty string');
  }
  if (!Array.isArray(events)) throw new InvalidAppendError('events must be an array');
  if (events.length > MAX_EVENTS_PER_APPEND) {
    throw new InvalidAppendError(`a batch holds at most ${MAX_EVENTS_PER_APPEND} events, got ${events.length}`);
  }
  const seen = new Set<string>();
  const serialized = events.map((event: unknown, index) => {
    const valid = serializeEvent(event, index);
    if (seen.has(valid.eventId)) throw new InvalidAppendError(`event id ${valid.eventId} appears twice in the batch`);
    seen.add(valid.eventId);
    return valid;
  });
  return { streamName, expectedVersion: validateExpectedVersion(expectedVersion), events: serialized };
}

function validateExpectedVersion(expected: unknown): ExpectedVersion {
  if (expected === 'any' || expected === 'no_stream' || expected === 'stream_exists') return expected;
  if (typeof expected === 'number' && Number.isSafeInteger(expected) && expected >= -1) return expected;
  throw new InvalidAppendError(`expected version must be 'any', 'no_stream', 'stream_exists' or an integer >= -1`);
}

function serializeEvent(event: unknown, index: number): SerializedEvent {
  if (!isObject(event)) throw new InvalidAppendError(`event ${index} is not an object`);
  const { eventId, type, data, metadata } = event as Partial<EventToAppend>;
  if (typeof eventId !== 'string' || !UUID.test(eventId)) {
    throw new InvalidAppendError(`event ${index}: event id must be a UUID`);
  }
  if (typeof type !== 'string' || type.length === 0) {
    throw new InvalidAppendError(`event ${index}: type must be a non-empty string`);
  }
  const dataJson = toJsonObject(data, index, 'data');
  const metadataJson = toJsonObject(metadata, index, 'metadata');
  const bytes = Buffer.byteLength(dataJson, 'utf8') + Buffer.byteLength(metadataJson, 'utf8');
  if (bytes > MAX_EVENT_BYTES) {
    throw new InvalidAppendError(`event ${index}: data and metadata take ${bytes} bytes, the limit is ${MAX_EVENT_BYTES}`);
  }
  return { eventId: eventId.toLowerCase(), type, data: dataJson, metadata: metadataJson };
}

function toJsonObject(value: unknown, index: number, field: 'data' | 'metadata'): string {
  if (!isObject(value) || Array.isArray(value)) {
    throw new InvalidAppendError(`event ${index}: ${field} must be a JSON object`);
  }
  try {
    return JSON.stringify(value);
  } catch (error) {
    // Cycles and bigints: the caller's bug, but it must not reach storage half-serialized.
    throw new InvalidAppendError(`event ${index}: ${field} is not serializable as JSON (${(error as Error).message})`);
  }
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}
