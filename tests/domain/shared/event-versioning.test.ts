import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { eventCatalog, widened } from '../../../src/domain/shared/event-versioning.js';

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

describe('a widened version', () => {
  // Version 2 of `Tagged` admits a second kind of tag; every version-1 form is a version-2 form.
  const tagged = z.strictObject({ type: z.literal('Tagged'), tag: z.enum(['a', 'b']) });
  const widenedFamily = z.discriminatedUnion('type', [tagged]);
  const catalog = eventCatalog<z.infer<typeof widenedFamily>>(widenedFamily, { Tagged: 2 }, { Tagged: { 1: widened } }, { Tagged: (e) => (e.tag === 'b' ? 2 : 1) });

  it('is written as the oldest version that holds the event', () => {
    expect(catalog.encode({ type: 'Tagged', tag: 'a' }).schemaVersion).toBe(1);
    expect(catalog.encode({ type: 'Tagged', tag: 'b' }).schemaVersion).toBe(2);
  });

  it('reads either version strictly, and a trusted replay of version 1 adopts the data unchanged', () => {
    expect(catalog.decode('Tagged', 1, { tag: 'a' })).toEqual({ type: 'Tagged', tag: 'a' });
    expect(() => catalog.decode('Tagged', 2, { tag: 'c' })).toThrow(/Tagged v2/);
    const data = { tag: 'a' };
    expect(catalog.adoptTrusted('Tagged', 1, data)).toBe(data);
    expect(() => catalog.decode('Tagged', 3, { tag: 'a' })).toThrow(/known versions are 1 to 2/);
  });

  it('an ordinary upcaster step still decodes on a trusted replay', () => {
    const raised = eventCatalog<z.infer<typeof widenedFamily>>(widenedFamily, { Tagged: 2 }, { Tagged: { 1: (d) => ({ ...d, tag: 'b' }) } });
    const data = { tag: 'a' };
    expect(raised.adoptTrusted('Tagged', 1, data)).toEqual({ type: 'Tagged', tag: 'b' });
  });
});
