/**
 * Groups a live feed into batches: everything already waiting is taken at once (up to `max`),
 * and a batch never waits for more, so catch-up goes in large batches and live traffic in
 * small ones without added latency.
 */
export async function* batchesOf<T>(source: AsyncIterable<T>, max: number): AsyncGenerator<T[]> {
  const iterator = source[Symbol.asyncIterator]();
  let pending = iterator.next();
  for (;;) {
    const first = await pending;
    if (first.done) return;
    const batch = [first.value];
    pending = iterator.next();
    while (batch.length < max) {
      const next = await Promise.race([pending, new Promise<null>((resolve) => setImmediate(resolve, null))]);
      if (next === null) break;
      if (next.done) {
        yield batch;
        return;
      }
      batch.push(next.value);
      pending = iterator.next();
    }
    yield batch;
  }
}
