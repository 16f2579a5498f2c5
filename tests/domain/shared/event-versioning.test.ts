import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { eventCatalog } from '../../../src/domain/shared/event-versioning.js';

// A family whose first shape stored a single `name`; version 2 split it, with an upcaster.
const renamed = z.strictObject({ type: z.literal('Renamed'), first: z.string(), last: z.string() });
const family = z.discriminatedUnion('type', [renamed]);
const catalog = eventCatalog<z.infer<typeof family>>(family, { Renamed: 2 }, {
  Renamed: {
    1: ({ name, ...rest }) => {
      const [first = '', ...others] = String(name).split(' ');
      return { ...rest, first, last: others.join(' ') };
    },
  },
});

describe('an event catalogue', () => {
  it('writes the current version', () => {
    expect(catalog.encode({ type: 'Renamed', first: 'Ada', last: 'Lovelace' })).toEqual({
      type: 'Renamed', schemaVersion: 2, data: { first: 'Ada', last: 'Lovelace' },
    });
  });

  it('raises an old stored version through its upcaster', () => {
    expect(catalog.decode('Renamed', 1, { name: 'Ada King Lovelace' })).toEqual({ type: 'Renamed', first: 'Ada', last: 'King Lovelace' });
    expect(catalog.decodeTrusted('Renamed', 1, { name: 'Ada Lovelace' })).toEqual({ type: 'Renamed', first: 'Ada', last: 'Lovelace' });
  });

  it('fails loudly when a step is missing', () => {
    const gap = eventCatalog<z.infer<typeof family>>(family, { Renamed: 3 }, { Renamed: { 1: (d) => d } });
    expect(() => gap.decode('Renamed', 1, { first: 'a', last: 'b' })).toThrow(/no upcaster from v2 to v3/);
  });
});

describe('adoptTrusted', () => {
  it('makes the stored data the event itself, and still raises old versions through upcasters', () => {
    const data = { first: 'Ada', last: 'Lovelace' };
    const event = catalog.adoptTrusted('Renamed', 2, data);
    expect(event).toBe(data);
    expect(event).toEqual({ type: 'Renamed', first: 'Ada', last: 'Lovelace' });
    expect(catalog.adoptTrusted('Renamed', 1, { name: 'Ada Lovelace' })).toEqual({ type: 'Renamed', first: 'Ada', last: 'Lovelace' });
    expect(() => catalog.adoptTrusted('Unknown', 1, {})).toThrow(/unknown event type/);
  });
});
