import { checkCommit, type CommitDecision } from './commit-check.js';
import type { ProposedEvent, RecordedEvent } from './recorded-event.js';

export type WriteResult =
  | {
      readonly kind: 'written' | 'idempotent';
      /** The last revision the write covers; -1 when the stream is still absent (an empty write). */
      readonly lastRevision: bigint;
      readonly logPosition: bigint;
    }
  | { readonly kind: 'wrong_expected_version'; readonly currentVersion: bigint };

/** Ticks between 0001-01-01 and 1970-01-01 are not needed: the server sends ticks since the Unix epoch. */
const TICKS_PER_MS = 10_000n;
/** A prepare record's fixed overhead in the transaction file, so positions are sparse byte offsets as on disk. */
const RECORD_HEADER_BYTES = 88n;
/** A fresh database starts with an epoch record; the first event never sits at position 0. */
const FIRST_RECORD_POSITION = 128n;

/**
 * The in-memory transaction file: every committed event in log order, indexed by stream and by
 * event id. It outlives the gRPC server so a stop and restart keeps the data, like a disk.
 */
export class EventLog {
  readonly #all: RecordedEvent[] = [];
  readonly #streams = new Map<string, RecordedEvent[]>();
  /**
   * The server's cache of recently committed event ids, which is all it consults for an append
   * at `any` or `stream_exists`. It lives in memory: a restart empties it (forgetRecentEventIds),
   * and a retried append at `any` is then written again, as on the real server.
   */
  readonly #recentEventIds = new Map<string, RecordedEvent>();
  #nextPosition = FIRST_RECORD_POSITION;
  #waiters: Array<() => void> = [];

  constructor(private readonly now: () => number = Date.now) {}

  get events(): readonly RecordedEvent[] {
    return this.#all;
  }

  stream(streamName: string): readonly RecordedEvent[] | undefined {
    return this.#streams.get(streamName);
  }

  /** The position a write would get next; used as the "end" of $all. */
  get headPosition(): bigint {
    return this.#nextPosition;
  }

  write(streamName: string, expected: bigint, proposed: readonly ProposedEvent[]): WriteResult {
    const decision: CommitDecision = checkCommit(
      { stream: (name) => this.#streams.get(name), byEventId: (id) => this.#recentEventIds.get(id) },
      streamName,
      expected,
      proposed.map((event) => event.eventId),
    );
    switch (decision.kind) {
      case 'wrong_expected_version':
        return decision;
      case 'idempotent': {
        const last = this.#streams.get(streamName)?.[Number(decision.lastRevision)];
        if (last === undefined) throw new Error('idempotent write without its stored events');
        return { kind: 'idempotent', lastRevision: decision.lastRevision, logPosition: last.logPosition };
      }
      case 'ok':
        return this.#commit(streamName, decision.currentVersion, proposed);
    }
  }

  /** What a process restart loses: the cache of recent event ids (the events themselves are on disk). */
  forgetRecentEventIds(): void {
    this.#recentEventIds.clear();
  }

  /** Resolves after the next commit; subscriptions re-read the log from their cursor then. */
  nextCommit(): Promise<void> {
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  /** Index of the first event at or after `position` in log order. */
  indexAtOrAfter(position: bigint): number {
    let low = 0;
    let high = this.#all.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.#all[mid]!.logPosition < position) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  #commit(streamName: string, currentVersion: bigint, proposed: readonly ProposedEvent[]): WriteResult {
    if (proposed.length === 0) {
      // The server writes an empty prepare for an empty write: it takes log space, holds no event.
      const logPosition = this.#nextPosition;
      this.#nextPosition += RECORD_HEADER_BYTES;
      return { kind: 'written', lastRevision: currentVersion, logPosition };
    }
    let stream = this.#streams.get(streamName);
    if (stream === undefined) {
      stream = [];
      this.#streams.set(streamName, stream);
    }
    const created = BigInt(this.now()) * TICKS_PER_MS;
    let last: RecordedEvent | undefined;
    for (const event of proposed) {
      const recorded: RecordedEvent = {
        streamName,
        revision: BigInt(stream.length),
        eventId: event.eventId,
        type: event.type,
        contentType: event.contentType,
        data: event.data,
        customMetadata: event.customMetadata,
        created,
        logPosition: this.#nextPosition,
      };
      this.#nextPosition += RECORD_HEADER_BYTES + BigInt(
        Buffer.byteLength(streamName) + Buffer.byteLength(event.type) + event.data.length + event.customMetadata.length,
      );
      stream.push(recorded);
      this.#all.push(recorded);
      this.#recentEventIds.set(recorded.eventId, recorded);
      last = recorded;
    }
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const wake of waiters) wake();
    return { kind: 'written', lastRevision: last!.revision, logPosition: last!.logPosition };
  }
}
