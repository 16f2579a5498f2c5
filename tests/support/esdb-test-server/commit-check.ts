import { ExpectedVersion, type RecordedEvent } from './recorded-event.js';

/**
 * The server's decision for a proposed write, after EventStoreDB's IndexWriter.CheckCommit:
 * - `any`/`stream_exists`: idempotent when every event id is already stored in this stream
 *   (the server looks ids up in its cache of committed events); if the first id is unknown the
 *   write goes ahead, if a later one is unknown the batch is "corrupted idempotency";
 * - a revision (or no_stream) behind the stream's version: idempotent when the stored events
 *   right after that revision carry the same ids, in order; otherwise wrong expected version;
 * - a revision ahead of the stream's version: wrong expected version.
 * Corrupted idempotency is answered as wrong expected version, as the server does.
 */
export type CommitDecision =
  | { readonly kind: 'ok'; readonly currentVersion: bigint }
  | { readonly kind: 'idempotent'; readonly firstRevision: bigint; readonly lastRevision: bigint }
  | { readonly kind: 'wrong_expected_version'; readonly currentVersion: bigint };

export type CommitIndex = {
  readonly stream: (streamName: string) => readonly RecordedEvent[] | undefined;
  readonly byEventId: (eventId: string) => RecordedEvent | undefined;
};

export function checkCommit(
  index: CommitIndex,
  streamName: string,
  expected: bigint,
  eventIds: readonly string[],
): CommitDecision {
  const events = index.stream(streamName) ?? [];
  const current = BigInt(events.length) - 1n;
  const wrong = { kind: 'wrong_expected_version', currentVersion: current } as const;

  if (expected === ExpectedVersion.streamExists && current < 0n) return wrong;

  if (expected === ExpectedVersion.any || expected === ExpectedVersion.streamExists) {
    let first: bigint | undefined;
    let last: bigint | undefined;
    for (const id of eventIds) {
      const stored = index.byEventId(id);
      if (stored === undefined || stored.streamName !== streamName) {
        return first === undefined ? { kind: 'ok', currentVersion: current } : wrong;
      }
      first ??= stored.revision;
      last = stored.revision;
    }
    if (first === undefined || last === undefined) return { kind: 'ok', currentVersion: current };
    return { kind: 'idempotent', firstRevision: first, lastRevision: last };
  }

  if (expected < current) {
    let revision = expected;
    for (const id of eventIds) {
      revision += 1n;
      if (events[Number(revision)]?.eventId === id) continue;
      return wrong;
    }
    if (revision === expected) return wrong;
    return { kind: 'idempotent', firstRevision: expected + 1n, lastRevision: revision };
  }

  if (expected > current) return wrong;
  return { kind: 'ok', currentVersion: current };
}
