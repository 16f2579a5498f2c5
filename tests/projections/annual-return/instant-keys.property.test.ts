import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { questionKey, recordedKey } from '../../../src/projections/annual-return/instant-keys.js';

const SPAN = { min: new Date('2000-01-01T00:00:00.000Z'), max: new Date('2040-12-31T23:59:59.999Z'), noInvalidDate: true };
/** Instants near each other: the same second, the same day, or anywhere in the span. */
const near = (base: Date) => fc.oneof(fc.integer({ min: -1500, max: 1500 }), fc.integer({ min: -86_400_000, max: 86_400_000 })).map((ms) => new Date(base.getTime() + ms));

/** The forms a question's instant takes on the wire, from one instant. */
const forms = (d: Date) => {
  const iso = d.toISOString();
  return [iso, `${iso.slice(0, 19)}Z`, `${iso.slice(0, 19)}+01:00`, `${iso.slice(0, 22)}Z`, `${iso.slice(0, 19)}.5Z`];
};

describe('instants as numbers order recorded instants exactly as their strings do (the known-at cells search numbers in place of strings)', () => {
  it('a recorded instant is at or before a question as a string exactly when its number is at or before the question\'s, for every form given one (fast-check)', () => {
    let numeric = 0;
    fc.assert(
      fc.property(fc.date(SPAN).chain((d) => fc.tuple(fc.constant(d), near(d))), ([recorded, asked]) => {
        const s = recorded.toISOString();
        expect(recordedKey(s)).toBe(recorded.getTime());
        for (const q of forms(asked)) {
          const key = questionKey(q);
          if (key === undefined) continue;
          numeric++;
          expect(recordedKey(s) <= key).toBe(s <= q);
        }
      }),
      { numRuns: 2000 },
    );
    expect(numeric).toBeGreaterThan(3000);
  });

  it('an instant not in the recorded form has no number, so its cells are searched by strings', () => {
    for (const other of ['2025-02-30T00:00:00.000Z', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00.000+00:00', 'undefined', '']) expect(recordedKey(other)).toBeNaN();
    expect(questionKey('2025-01-01T10:00:00+01:00')).toBeUndefined();
    expect(questionKey('2025-01-01T10:00:00.5Z')).toBeUndefined();
    expect(questionKey('2025-01-01T10:00:00Z')).toBe(Date.parse('2025-01-01T10:00:00.999Z'));
  });
});
