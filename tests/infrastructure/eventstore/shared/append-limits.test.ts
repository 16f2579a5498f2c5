import { describe, expect, it } from 'vitest';
import { InvalidAppendError, type EventToAppend } from '../../../../src/infrastructure/eventstore/eventstore.js';
import { MAX_EVENT_BYTES, MAX_EVENTS_PER_APPEND, validateAppend } from '../../../../src/infrastructure/eventstore/shared/append-limits.js';
import { newEvent, newEvents } from '../contract/fixtures.js';

/** An event whose serialized data and metadata take exactly `bytes` UTF-8 bytes. */
function eventOfBytes(bytes: number): EventToAppend {
  const overhead = JSON.stringify({ blob: '' }).length + JSON.stringify({}).length;
  return newEvent('Sized', { blob: 'x'.repeat(bytes - overhead) });
}

describe('append limits', () => {
  it('accepts an event of exactly 1 MiB of data and metadata and refuses one byte more', () => {
    expect(() => validateAppend('s', [eventOfBytes(MAX_EVENT_BYTES)])).not.toThrow();
    expect(() => validateAppend('s', [eventOfBytes(MAX_EVENT_BYTES + 1)])).toThrow(InvalidAppendError);
  });

  it('counts bytes, not characters', () => {
    const overhead = JSON.stringify({ blob: '' }).length + 2;
    const almost = 'é'.repeat((MAX_EVENT_BYTES - overhead) / 2);
    expect(() => validateAppend('s', [newEvent('Sized', { blob: almost })])).not.toThrow();
    expect(() => validateAppend('s', [newEvent('Sized', { blob: `${almost}é` })])).toThrow(InvalidAppendError);
  });

  it(`accepts ${MAX_EVENTS_PER_APPEND} events in a batch and refuses one more`, () => {
    expect(() => validateAppend('s', newEvents(MAX_EVENTS_PER_APPEND))).not.toThrow();
    expect(() => validateAppend('s', newEvents(MAX_EVENTS_PER_APPEND + 1))).toThrow(InvalidAppendError);
  });

  it.each([
    ['a fractional version', 1.5],
    ['a version below -1', -2],
    ['an unknown keyword', 'latest'],
    ['NaN', Number.NaN],
  ])('refuses %s as expected version', (_, expectedVersion) => {
    expect(() => validateAppend('s', [newEvent()], expectedVersion)).toThrow(InvalidAppendError);
  });

  it.each([
    ['a bigint in data', { n: 1n }],
    ['a cycle in data', (() => { const cyclic: Record<string, unknown> = {}; cyclic.self = cyclic; return cyclic; })()],
  ])('refuses %s, which JSON cannot hold', (_, data) => {
    expect(() => validateAppend('s', [newEvent('Odd', data)])).toThrow(InvalidAppendError);
  });

  it('refuses metadata that is not an object and a missing type', () => {
    expect(() => validateAppend('s', [{ ...newEvent(), metadata: null as never }])).toThrow(InvalidAppendError);
    expect(() => validateAppend('s', [{ ...newEvent(), type: undefined as never }])).toThrow(InvalidAppendError);
  });

  it('stores event ids in lower case and serializes JSON once', () => {
    const event = { ...newEvent('T', { a: [1] }, { b: 'c' }), eventId: 'ABCDEF01-2345-4789-8ABC-DEF012345678' };
    expect(validateAppend('s', [event]).events).toEqual([
      { eventId: 'abcdef01-2345-4789-8abc-def012345678', type: 'T', data: '{"a":[1]}', metadata: '{"b":"c"}' },
    ]);
  });
});
