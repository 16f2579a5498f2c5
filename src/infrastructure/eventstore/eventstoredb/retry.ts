import { StoreUnavailableError } from '../eventstore.js';
import { backoffDelay, sleep, type RetryPolicy } from './backoff.js';
import { isTransient } from './transient-error.js';

/**
 * Runs `operation` until it succeeds, fails for a reason retrying cannot fix (rethrown as is),
 * or has failed transiently `maxAttempts` times (StoreUnavailableError). Safe for appends too:
 * a retried batch carries the same event ids, and EventStoreDB answers a batch it already
 * holds at the same expected version with the original result instead of writing it again.
 */
export async function withRetry<T>(
  operation: () => Promise<T>,
  policy: RetryPolicy,
  what: string,
  closing: AbortSignal,
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await operation();
    } catch (error) {
      if (!isTransient(error)) throw error;
      if (attempt >= policy.maxAttempts || closing.aborted) {
        const reason = closing.aborted ? 'the event store was closed' : `EventStoreDB unavailable after ${attempt} attempts`;
        throw new StoreUnavailableError(`${what}: ${reason}`, { cause: error });
      }
      await sleep(backoffDelay(policy, attempt - 1), closing);
    }
  }
}
