/**
 * EventStoreDB orders $all by (commit, prepare), two unsigned 64-bit log positions. The port
 * wants one strictly increasing bigint, so the pair is packed as commit * 2^64 + prepare: exact,
 * and ordered exactly as the pair is. Positions stay bigint from the wire to the caller.
 */
export type AllPosition = { readonly commit: bigint; readonly prepare: bigint };

const HALF_BITS = 64n;
const HALF_MAX = (1n << HALF_BITS) - 1n;

export function encodeGlobalPosition(position: AllPosition): bigint {
  const { commit, prepare } = position;
  if (commit < 0n || commit > HALF_MAX || prepare < 0n || prepare > HALF_MAX) {
    throw new RangeError(`not a $all position: commit ${commit}, prepare ${prepare}`);
  }
  return (commit << HALF_BITS) | prepare;
}

export function decodeGlobalPosition(globalPosition: bigint): AllPosition {
  if (globalPosition < 0n || globalPosition >> (2n * HALF_BITS) !== 0n) {
    throw new RangeError(`not an EventStoreDB global position: ${globalPosition}`);
  }
  return { commit: globalPosition >> HALF_BITS, prepare: globalPosition & HALF_MAX };
}
