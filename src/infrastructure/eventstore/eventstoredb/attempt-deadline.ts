import { DeadlineExceededError } from '@eventstore/db-client';

/**
 * Bounds one append attempt. Against 21.10+ servers the client appends over BatchAppend, one
 * call shared by every append and opened without a gRPC deadline; the deadline it sends only
 * limits how long the server waits for a write's last message, not the write itself. Past `ms`
 * the attempt fails as a deadline exceeded, which the retry treats as transient; its late
 * answer is dropped (a retry carries the same event ids, so the server recognises the write).
 */
export function withinDeadline<T>(attempt: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new DeadlineExceededError(undefined, `no answer to the append within ${ms} ms`)), ms);
    attempt.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
