import { describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../../../../src/infrastructure/eventstore/eventstore.js';
import { backoffDelay } from '../../../../src/infrastructure/eventstore/eventstoredb/backoff.js';
import { withRetry } from '../../../../src/infrastructure/eventstore/eventstoredb/retry.js';

const unavailable = () => Object.assign(new Error('14 UNAVAILABLE'), { code: 14, details: 'No connection established' });
const policy = { maxAttempts: 4, initialDelayMs: 1, maxDelayMs: 4 };
const open = () => new AbortController().signal;

/** An operation that fails transiently `failures` times, then answers. */
function flaky(failures: number) {
  let calls = 0;
  const operation = async () => {
    calls += 1;
    if (calls <= failures) throw unavailable();
    return 'done';
  };
  return { operation, calls: () => calls };
}

describe('withRetry', () => {
  it('retries transient failures until the operation succeeds', async () => {
    const op = flaky(3);
    expect(await withRetry(op.operation, policy, 'op', open())).toBe('done');
    expect(op.calls()).toBe(4);
  });

  it('gives up after maxAttempts with StoreUnavailableError carrying the last failure', async () => {
    const op = flaky(10);
    const error = await withRetry(op.operation, policy, 'append to s', open()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect((error as Error).message).toContain('append to s');
    expect((error as Error).cause).toMatchObject({ code: 14 });
    expect(op.calls()).toBe(4);
  });

  it('does not retry a failure retrying cannot fix', async () => {
    let calls = 0;
    const refusal = new RangeError('bad option');
    const error = await withRetry(async () => {
      calls += 1;
      throw refusal;
    }, policy, 'op', open()).catch((e: unknown) => e);
    expect(error).toBe(refusal);
    expect(calls).toBe(1);
  });

  it('stops retrying once the store is closing', async () => {
    const closing = new AbortController();
    const op = flaky(10);
    const retrying = withRetry(op.operation, { maxAttempts: 100, initialDelayMs: 50, maxDelayMs: 50 }, 'op', closing.signal);
    closing.abort();
    await expect(retrying).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(op.calls()).toBeLessThanOrEqual(2);
  });
});

describe('backoffDelay', () => {
  it('doubles its ceiling per failure up to the maximum, never below half of it', () => {
    const settings = { initialDelayMs: 100, maxDelayMs: 1000 };
    expect([0, 1, 2, 3, 4, 10].map((failures) => backoffDelay(settings, failures, () => 1))).toEqual([100, 200, 400, 800, 1000, 1000]);
    expect([0, 1, 4].map((failures) => backoffDelay(settings, failures, () => 0))).toEqual([50, 100, 500]);
  });
});
