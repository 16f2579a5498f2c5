/**
 * Faults a test can switch on to reach the paths a healthy server never takes. Each counter is
 * consumed one append at a time.
 */
export class Faults {
  /** Appends that are committed and then answered UNAVAILABLE, as when the connection drops after the write. */
  loseResponseAfterCommit = 0;
  /** Appends answered UNAVAILABLE without being written. */
  rejectBeforeCommit = 0;
  /**
   * Appends after which the server dies once committed and comes back: the answer is lost, and
   * so is the server's cache of recent event ids (EventStoreDB keeps it in memory only).
   */
  restartAfterCommit = 0;
  /** Delay before an append is processed, to keep it in flight across a stop. */
  appendDelayMs = 0;
  /** Answer idempotent writes with `no_position`, as servers before 21.10 did. */
  idempotentWithoutPosition = false;

  take(counter: 'loseResponseAfterCommit' | 'rejectBeforeCommit' | 'restartAfterCommit'): boolean {
    if (this[counter] <= 0) return false;
    this[counter] -= 1;
    return true;
  }
}
