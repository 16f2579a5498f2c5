import { describe, expect, it } from 'vitest';
import { toStoredEvent, type EsdbRecordedEvent } from '../../../../src/infrastructure/eventstore/eventstoredb/to-stored-event.js';

const recorded: EsdbRecordedEvent = {
  id: '6a1e3b0c-2f6c-4a1d-9a4b-0b8d5f5c7a11',
  streamId: 'mappa-case-1',
  revision: 4n,
  type: 'Referred',
  isJson: true,
  data: { a: 1 },
  metadata: { actor: 'u-1' },
  position: { commit: 300n, prepare: 300n },
};

describe('a recorded event as the port’s StoredEvent', () => {
  it('keeps every field and packs the position', () => {
    expect(toStoredEvent(recorded)).toEqual({
      eventId: recorded.id,
      type: 'Referred',
      data: { a: 1 },
      metadata: { actor: 'u-1' },
      streamName: 'mappa-case-1',
      streamPosition: 4,
      globalPosition: (300n << 64n) | 300n,
    });
  });

  it('reads absent metadata as {} and JSON bytes as JSON', () => {
    expect(toStoredEvent({ ...recorded, metadata: undefined }).metadata).toEqual({});
    expect(toStoredEvent({ ...recorded, metadata: new Uint8Array(Buffer.from('{"k":2}')) }).metadata).toEqual({ k: 2 });
  });

  it('refuses an event without a real $all position rather than inventing one', () => {
    expect(() => toStoredEvent({ ...recorded, position: undefined })).toThrow(/without its \$all position/);
    expect(() => toStoredEvent({ ...recorded, position: { commit: (1n << 64n) - 1n, prepare: (1n << 64n) - 1n } })).toThrow(/position/);
  });

  it('refuses data that is not a JSON object', () => {
    expect(() => toStoredEvent({ ...recorded, isJson: false, data: new Uint8Array([1, 2]) })).toThrow(/not a JSON object/);
    expect(() => toStoredEvent({ ...recorded, data: [1, 2] })).toThrow(/not a JSON object/);
  });
});
