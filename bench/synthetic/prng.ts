import { addDays, toDayNumber, type BusinessDate } from '../../src/domain/shared/business-date.js';

/**
 * A seeded pseudo-random source (mulberry32): tiny, fast and the same on every platform, so a
 * seed names one synthetic history exactly. Not for anything secret.
 */
export type Rng = {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(values: readonly T[]): T;
  /** A value drawn by weight. */
  weighted<T>(choices: readonly (readonly [T, number])[]): T;
  /** A date in [from, to], both included. */
  dateBetween(from: BusinessDate, to: BusinessDate): BusinessDate;
  shuffle<T>(values: readonly T[]): T[];
  /** A UUID (version 4 layout) drawn from this source, so event ids repeat with the seed. */
  uuid(): string;
  /** An independent source for one part of a history: the same label and seed give the same stream. */
  fork(label: string): Rng;
};

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a, to turn a fork label into a seed. */
function hash(text: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

const hex = (n: number, digits: number) => n.toString(16).padStart(digits, '0');

export function rng(seed: number): Rng {
  const next = mulberry32(seed);
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const source: Rng = {
    next,
    int,
    chance: (p) => next() < p,
    pick: (values) => {
      if (values.length === 0) throw new Error('pick from an empty list');
      return values[int(0, values.length - 1)]!;
    },
    weighted: (choices) => {
      const total = choices.reduce((sum, [, w]) => sum + w, 0);
      let r = next() * total;
      for (const [value, w] of choices) {
        r -= w;
        if (r < 0) return value;
      }
      return choices[choices.length - 1]![0];
    },
    dateBetween: (from, to) => {
      const span = toDayNumber(to) - toDayNumber(from);
      if (span < 0) throw new Error(`empty date range ${from}..${to}`);
      return addDays(from, int(0, span));
    },
    shuffle: (values) => {
      const out = [...values];
      for (let i = out.length - 1; i > 0; i--) {
        const j = int(0, i);
        [out[i], out[j]] = [out[j]!, out[i]!];
      }
      return out;
    },
    uuid: () => {
      const w = () => Math.floor(next() * 0x10000);
      return `${hex(w(), 4)}${hex(w(), 4)}-${hex(w(), 4)}-4${hex(w() & 0xfff, 3)}-${hex((w() & 0x3fff) | 0x8000, 4)}-${hex(w(), 4)}${hex(w(), 4)}${hex(w(), 4)}`;
    },
    fork: (label) => rng(hash(label, seed)),
  };
  return source;
}
