import { ANY, NO_STREAM, STREAM_EXISTS, type AppendExpectedRevision, type CurrentRevision } from '@eventstore/db-client';
import type { ExpectedVersion } from '../eventstore.js';

/** The port's expected version as the client's; -1 is the port's number for an absent stream. */
export function toExpectedRevision(expected: ExpectedVersion): AppendExpectedRevision {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      return expected === -1 ? NO_STREAM : BigInt(expected);
  }
}

/** The client reports an absent stream's revision as "no_stream"; the port says -1. */
export function toStreamVersion(revision: CurrentRevision | bigint): number {
  if (typeof revision !== 'bigint') return -1;
  return toSafeNumber(revision, 'stream revision');
}

export function toSafeNumber(value: bigint, what: string): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`${what} ${value} is beyond a safe integer`);
  return Number(value);
}
