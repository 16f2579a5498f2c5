import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeGlobalPosition, encodeGlobalPosition } from '../../../../src/infrastructure/eventstore/eventstoredb/global-position.js';

const half = fc.bigInt({ min: 0n, max: (1n << 64n) - 1n });
const position = fc.record({ commit: half, prepare: half });
const compare = (a: { commit: bigint; prepare: bigint }, b: { commit: bigint; prepare: bigint }) =>
  a.commit !== b.commit ? Math.sign(Number(a.commit - b.commit)) : Math.sign(Number(a.prepare - b.prepare));

describe('global position encoding (commit << 64 | prepare)', () => {
  it('decodes every $all position back exactly', () => {
    fc.assert(
      fc.property(position, (p) => {
        expect(decodeGlobalPosition(encodeGlobalPosition(p))).toEqual(p);
      }),
    );
  });

  it('orders encoded positions exactly as EventStoreDB orders (commit, prepare)', () => {
    fc.assert(
      fc.property(position, position, (a, b) => {
        const encoded = encodeGlobalPosition(a) - encodeGlobalPosition(b);
        expect(Math.sign(Number(encoded))).toBe(compare(a, b));
      }),
    );
  });

  it('keeps positions past 2^53 exact (no Number on the way)', () => {
    const p = { commit: 2n ** 63n + 1n, prepare: 2n ** 63n + 3n };
    expect(encodeGlobalPosition(p)).toBe((p.commit << 64n) + p.prepare);
    expect(decodeGlobalPosition(encodeGlobalPosition(p))).toEqual(p);
  });

  it('refuses what is not a position', () => {
    expect(() => encodeGlobalPosition({ commit: -1n, prepare: 0n })).toThrow(RangeError);
    expect(() => encodeGlobalPosition({ commit: 0n, prepare: 1n << 64n })).toThrow(RangeError);
    expect(() => decodeGlobalPosition(-1n)).toThrow(RangeError);
    expect(() => decodeGlobalPosition(1n << 128n)).toThrow(RangeError);
  });
});
