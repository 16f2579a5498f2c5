import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '../../../../src/infrastructure/eventstore/eventstore.js';
import { CommitSignal } from '../../../../src/infrastructure/eventstore/shared/commit-signal.js';
import { LogFollower } from '../../../../src/infrastructure/eventstore/shared/log-follower.js';

const event = (position: number, streamName = 'wanted-1'): StoredEvent => ({
  eventId: `00000000-0000-4000-8000-${String(position).padStart(12, '0')}`, type: 'T', data: {}, metadata: {},
  streamName, streamPosition: 0, globalPosition: BigInt(position),
});

/** A log where only `wanted-` streams match the follower's filter. */
function source(log: StoredEvent[], commits: CommitSignal, beforePage?: () => void) {
  const asked: (bigint | undefined)[] = [];
  return {
    asked,
    source: {
      head: () => (log.length === 0 ? null : log[log.length - 1]!.globalPosition),
      readPage: (after: bigint | undefined, limit: number) => {
        asked.push(after);
        beforePage?.();
        return log.filter((e) => (after === undefined || e.globalPosition > after) && e.streamName.startsWith('wanted-')).slice(0, limit);
      },
      commits,
    },
  };
}

describe('a filtered log follower', () => {
  it('moves past the events its filter leaves out instead of scanning them again on every wake-up', async () => {
    const commits = new CommitSignal();
    const log = [event(1), ...Array.from({ length: 99 }, (_, i) => event(i + 2, 'other'))];
    const { asked, source: src } = source(log, commits);
    const follower = new LogFollower(src, { batchSize: 10 });
    expect((await follower.next()).value?.globalPosition).toBe(1n);
    const waiting = follower.next();
    await new Promise((resolve) => setImmediate(resolve));
    log.push(event(101, 'other'), event(102));
    commits.notify();
    expect((await waiting).value?.globalPosition).toBe(102n);
    // Its first page was short with the head at 100: nothing else matched up to 100, so every
    // later read starts there, never again from 1.
    expect(asked).toEqual([undefined, 100n, 100n]);
    await follower.close();
  });

  it('never skips an event committed between the head it read and its page', async () => {
    const commits = new CommitSignal();
    const log = [event(1, 'other')];
    let sneak = true;
    // The head says 1; before the page is read, a matching event commits at 2.
    const { source: src } = source(log, commits, () => {
      if (sneak) log.push(event(2));
      sneak = false;
    });
    const follower = new LogFollower(src, { batchSize: 10 });
    expect((await follower.next()).value?.globalPosition).toBe(2n);
    await follower.close();
  });
});
