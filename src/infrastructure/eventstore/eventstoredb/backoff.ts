export type BackoffPolicy = {
  /** Delay ceiling after the first failure; it doubles per failure up to `maxDelayMs`. */
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
};

export type RetryPolicy = BackoffPolicy & {
  /** Attempts in all, the first included; after the last one the caller gets StoreUnavailableError. */
  readonly maxAttempts: number;
};

/**
 * Exponential backoff with "equal jitter": half the ceiling fixed, half random, so retries from
 * many callers after one outage spread out but none retries immediately.
 */
export function backoffDelay(policy: BackoffPolicy, failures: number, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** Math.min(failures, 30));
  return ceiling / 2 + (random() * ceiling) / 2;
}

/** Resolves after `ms`, or at once when `signal` aborts (closing must not wait out a backoff). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
