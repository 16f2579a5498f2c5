import type { ExpectedVersion } from '../eventstore.js';

/** Whether a stream at `actual` (-1 when absent) satisfies the expected version. */
export function satisfiesExpectedVersion(expected: ExpectedVersion, actual: number): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return actual === -1;
    case 'stream_exists':
      return actual >= 0;
    default:
      return actual === expected;
  }
}
