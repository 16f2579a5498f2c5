import type { StoredEvent, Subscription } from '../eventstore.js';
import type { CommitSignal } from '../shared/commit-signal.js';
import { LogFollower } from '../shared/log-follower.js';
import { resolveBatchSize } from '../shared/read-options.js';

/** Another process writing the same file has no way to wake us, so idle followers re-read this often. */
export const DEFAULT_POLL_INTERVAL_MS = 300;

export function followLog(
  source: {
    readonly readPage: (after: bigint | undefined, limit: number) => readonly StoredEvent[];
    readonly head: () => bigint | null;
    readonly commits: CommitSignal;
    readonly pollIntervalMs: number;
    readonly onClose: (follower: Subscription) => void;
  },
  options: { readonly after?: bigint; readonly batchSize?: number },
): LogFollower {
  const follower: LogFollower = new LogFollower(
    {
      readPage: source.readPage,
      head: source.head,
      commits: source.commits,
      pollIntervalMs: source.pollIntervalMs,
      onClose: () => source.onClose(follower),
    },
    { after: options.after, batchSize: resolveBatchSize(options.batchSize) },
  );
  return follower;
}
