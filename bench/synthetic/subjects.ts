import type { BusinessDate } from '../../src/domain/shared/business-date.js';
import type { Rng } from './prng.js';

const CHECK_LETTERS = 'ABCDEFGHJKLMNPQRTUVWXYZ';

/** A made-up reference in the shape of a Police National Computer number (year/serial + check letter). */
export function subjectRef(r: Rng, on: BusinessDate): string {
  return `${on.slice(2, 4)}/${String(r.int(1, 999_999)).padStart(6, '0')}${r.pick([...CHECK_LETTERS])}`;
}
