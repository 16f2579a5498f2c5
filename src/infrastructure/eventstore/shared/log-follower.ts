import type { StoredEvent, Subscription } from '../eventstore.js';
import type { CommitSignal } from './commit-signal.js';

type LogFollowerSource = {
  /** Up to `limit` events after `after` (exclusive; undefined: from the start), in global order. */
  readonly readPage: (after: bigint | undefined, limit: number) => readonly StoredEvent[] | Promise<readonly StoredEvent[]>;
  /**
   * The log's last position. Read before a page, it lets a filtered follower move past
   * everything the page's filter left out, instead of scanning it again on every wake-up.
   */
  readonly head?: () => bigint | null | Promise<bigint | null>;
  /** Commits made through this process's store object. */
  readonly commits: CommitSignal;
  /** Re-read at least this often while idle, to see commits made by other processes; undefined: never. */
  readonly pollIntervalMs?: number;
  readonly onClose?: () => void;
};

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };

/**
 * A subscription that pulls one page at a time after the last event it handed out, so it can
 * neither skip nor repeat an event as long as the log's positions are gap-free in commit order,
 * and it never buffers more than a page however far behind its reader falls. When caught up it
 * sleeps until a commit signal, the poll timer or close().
 */
export class LogFollower implements Subscription {
  readonly #source: LogFollowerSource;
  readonly #batchSize: number;
  #after: bigint | undefined;
  /** Where the follower may move once the page is handed out: the head read before it, if the page was short. */
  #scannedTo: bigint | undefined;
  #page: readonly StoredEvent[] = [];
  #index = 0;
  #closed = false;
  /** A commit happened since the last read began: read again instead of sleeping. */
  #committedSinceRead = true;
  #wake: (() => void) | undefined;
  #timer: NodeJS.Timeout | undefined;
  #stopListening: () => void;
  #inFlight: Promise<unknown> = Promise.resolve();

  constructor(source: LogFollowerSource, options: { after?: bigint; batchSize: number }) {
    this.#source = source;
    this.#after = options.after;
    this.#batchSize = options.batchSize;
    this.#stopListening = source.commits.listen(() => {
      this.#committedSinceRead = true;
      this.#wake?.();
    });
  }

  next(): Promise<IteratorResult<StoredEvent, undefined>> {
    // Calls are served one after another so two concurrent next() never hand out the same event.
    const result = this.#inFlight.then(() => this.#nextEvent());
    this.#inFlight = result.catch(() => undefined);
    return result;
  }

  async close(): Promise<void> {
    this.#release();
    await this.#inFlight;
  }

  [Symbol.asyncIterator](): AsyncIterator<StoredEvent, undefined> {
    return {
      next: () => this.next(),
      return: async () => {
        await this.close();
        return DONE;
      },
    };
  }

  async #nextEvent(): Promise<IteratorResult<StoredEvent, undefined>> {
    for (;;) {
      if (this.#closed) return DONE;
      const buffered = this.#page[this.#index];
      if (buffered !== undefined) {
        this.#index++;
        this.#after = buffered.globalPosition;
        return { done: false, value: buffered };
      }
      if (this.#scannedTo !== undefined && (this.#after === undefined || this.#scannedTo > this.#after)) this.#after = this.#scannedTo;
      this.#scannedTo = undefined;
      this.#committedSinceRead = false;
      let page: readonly StoredEvent[];
      try {
        // Every event up to the head read first is committed: a short page means none other matches up to it.
        const head = this.#source.head ? await this.#source.head() : null;
        page = await this.#source.readPage(this.#after, this.#batchSize);
        if (head !== null && page.length < this.#batchSize) this.#scannedTo = head;
      } catch (error) {
        // A follower that cannot read says so and lets go of its timer and listener; its owner
        // resubscribes from its own checkpoint.
        this.#release();
        throw error;
      }
      this.#page = page;
      this.#index = 0;
      if (page.length === 0 && !this.#committedSinceRead) await this.#sleep();
    }
  }

  #release(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#stopListening();
    clearTimeout(this.#timer);
    this.#wake?.();
    this.#source.onClose?.();
  }

  #sleep(): Promise<void> {
    return new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(this.#timer);
        this.#timer = undefined;
        this.#wake = undefined;
        resolve();
      };
      this.#wake = wake;
      if (this.#source.pollIntervalMs !== undefined) this.#timer = setTimeout(wake, this.#source.pollIntervalMs);
    });
  }
}
