import type { ReadAllOptions, ReadStreamOptions, StoredEvent } from '../eventstore.js';

const DEFAULT_BATCH_SIZE = 500;

type StreamSlice = {
  readonly direction: 'forwards' | 'backwards';
  /** Inclusive; undefined backwards means "from the last event". */
  readonly from: number | undefined;
  readonly maxCount: number;
};

/** Read options are the caller's code, not user input: a nonsensical one is a bug, so it throws. */
export function resolveStreamSlice(options: ReadStreamOptions): StreamSlice {
  const direction = options.direction ?? 'forwards';
  if (direction !== 'forwards' && direction !== 'backwards') throw new RangeError(`unknown direction ${String(direction)}`);
  if (options.from !== undefined && !(Number.isSafeInteger(options.from) && options.from >= 0)) {
    throw new RangeError('from must be an integer >= 0');
  }
  return {
    direction,
    from: options.from ?? (direction === 'forwards' ? 0 : undefined),
    maxCount: resolveMaxCount(options.maxCount),
  };
}

/** The in-memory form of a stream slice; the SQLite store does the same in SQL. */
export function sliceStream<T extends { readonly stream_position: number }>(rows: readonly T[], options: ReadStreamOptions): T[] {
  const { direction, from, maxCount } = resolveStreamSlice(options);
  if (direction === 'forwards') return rows.slice(from, from! + Math.min(maxCount, rows.length));
  const start = Math.min(from ?? rows.length - 1, rows.length - 1);
  const slice: T[] = [];
  for (let index = start; index >= 0 && slice.length < maxCount; index--) slice.push(rows[index]!);
  return slice;
}

export function resolveBatchSize(batchSize: number | undefined): number {
  if (batchSize === undefined) return DEFAULT_BATCH_SIZE;
  if (!(Number.isSafeInteger(batchSize) && batchSize > 0)) throw new RangeError('batchSize must be an integer > 0');
  return batchSize;
}

function resolveMaxCount(maxCount: number | undefined): number {
  if (maxCount === undefined) return Number.POSITIVE_INFINITY;
  if (!(Number.isSafeInteger(maxCount) && maxCount >= 0)) throw new RangeError('maxCount must be an integer >= 0');
  return maxCount;
}

export function matchesPrefixes(streamName: string, prefixes: readonly string[] | undefined): boolean {
  return prefixes === undefined || prefixes.some((prefix) => streamName.startsWith(prefix));
}

/**
 * The whole log, one page at a time: each page is read only when the previous one has been
 * consumed, so a huge log is never held at once, and the iteration ends at the log's end as it
 * stands when the last page is read.
 */
export async function* readAllPaged(
  options: ReadAllOptions,
  readPage: (after: bigint | undefined, limit: number) => readonly StoredEvent[] | Promise<readonly StoredEvent[]>,
): AsyncGenerator<StoredEvent, void, undefined> {
  const batchSize = resolveBatchSize(options.batchSize);
  let remaining = resolveMaxCount(options.maxCount);
  let after = options.after;
  while (remaining > 0) {
    const limit = Math.min(batchSize, remaining);
    const page = await readPage(after, limit);
    yield* page;
    remaining -= page.length;
    const last = page[page.length - 1];
    if (last === undefined || page.length < limit) return;
    after = last.globalPosition;
  }
}
