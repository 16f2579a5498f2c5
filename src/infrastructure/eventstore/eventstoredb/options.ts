import type { BackoffPolicy, RetryPolicy } from './backoff.js';

export type EventStoreDbEventStoreOptions = {
  /** Appends and reads: attempts and backoff on connection failures before StoreUnavailableError. */
  readonly retry?: Partial<RetryPolicy>;
  /** Subscriptions: backoff between attempts to subscribe again; they never give up until closed. */
  readonly resubscribe?: Partial<BackoffPolicy>;
  /** gRPC deadline of one append attempt; the client's default is 10 s. */
  readonly appendDeadlineMs?: number;
};

/** About 1.5 to 3 s of retrying: long enough for a leader election or a quick restart. */
const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 6, initialDelayMs: 100, maxDelayMs: 1_600 };
const DEFAULT_RESUBSCRIBE: BackoffPolicy = { initialDelayMs: 100, maxDelayMs: 5_000 };
const DEFAULT_APPEND_DEADLINE_MS = 10_000;

export type ResolvedOptions = {
  readonly retry: RetryPolicy;
  readonly resubscribe: BackoffPolicy;
  readonly appendDeadlineMs: number;
};

export function resolveOptions(options: EventStoreDbEventStoreOptions): ResolvedOptions {
  const resolved = {
    retry: { ...DEFAULT_RETRY, ...options.retry },
    resubscribe: { ...DEFAULT_RESUBSCRIBE, ...options.resubscribe },
    appendDeadlineMs: options.appendDeadlineMs ?? DEFAULT_APPEND_DEADLINE_MS,
  };
  const positive = (value: number, name: string) => {
    if (!(Number.isFinite(value) && value > 0)) throw new RangeError(`${name} must be a positive number`);
  };
  if (!(Number.isSafeInteger(resolved.retry.maxAttempts) && resolved.retry.maxAttempts >= 1)) {
    throw new RangeError('retry.maxAttempts must be an integer >= 1');
  }
  positive(resolved.retry.initialDelayMs, 'retry.initialDelayMs');
  positive(resolved.retry.maxDelayMs, 'retry.maxDelayMs');
  positive(resolved.resubscribe.initialDelayMs, 'resubscribe.initialDelayMs');
  positive(resolved.resubscribe.maxDelayMs, 'resubscribe.maxDelayMs');
  positive(resolved.appendDeadlineMs, 'appendDeadlineMs');
  return resolved;
}
