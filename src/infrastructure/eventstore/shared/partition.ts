import type { ReadStreamsOptions } from '../eventstore.js';

/**
 * The partition a stream belongs to, for reading streams in parallel (ReadStreamsOptions): from
 * the code points of its last two characters and its length, which spreads ids that differ at
 * their end (sequences, random suffixes) evenly, and which SQLite computes natively on its index
 * (PARTITION_SQL) instead of calling back into JavaScript for every row.
 */
export function partitionOf(streamName: string, count: number): number {
  const chars = [...streamName];
  const last = chars[chars.length - 1]?.codePointAt(0) ?? 0;
  const before = chars[chars.length - 2]?.codePointAt(0) ?? 0;
  return (last + 7 * before + chars.length) % count;
}

/** partitionOf in SQL, for a column `stream_name` and the partition count as a parameter. */
export const PARTITION_SQL =
  '(coalesce(unicode(substr(stream_name, -1)), 0) + 7 * coalesce(unicode(substr(stream_name, -2, 1)), 0) + length(stream_name))';

/** Read options are the caller's code: a nonsensical partition is a bug, so it throws. */
export function resolvePartition(options: ReadStreamsOptions): { readonly index: number; readonly count: number } | undefined {
  const partition = options.partition;
  if (partition === undefined) return undefined;
  const { index, count } = partition;
  if (!(Number.isSafeInteger(count) && count >= 1 && Number.isSafeInteger(index) && index >= 0 && index < count)) {
    throw new RangeError('partition must be { index, count } with 0 <= index < count');
  }
  return partition;
}

/** Whether a stream (by name) and an event (by position) are in the cut the options ask for. */
export function inStreamsCut(streamName: string, prefix: string, options: ReadStreamsOptions): boolean {
  const partition = resolvePartition(options);
  return streamName.startsWith(prefix) && (partition === undefined || partitionOf(streamName, partition.count) === partition.index);
}
