import { WrongExpectedVersionError, type EventStreams, type EventToAppend } from '../eventstore/eventstore.js';

/** Records appended together at most; more wait for the next append. */
const MAX_BATCH = 200;
/** Another writer on this stream (it should have none) makes an append re-read the version this often at most. */
const MAX_CONFLICTS = 3;

type Pending = { readonly event: EventToAppend; readonly resolve: () => void; readonly reject: (error: unknown) => void };

/**
 * Appends to a stream that only this writer writes to, always at the exact version its last
 * append left (never `any`): an append retried after a lost answer, even across an EventStoreDB
 * restart, is then recognised by the store from the stream's own events and written once.
 * Records arriving while an append is in flight go together in the next one, so concurrent
 * readers share appends rather than queue one by one.
 */
export class OwnStreamAppender {
  #version: number | undefined;
  #pending: Pending[] = [];
  #appending = false;

  constructor(
    private readonly store: EventStreams,
    readonly streamName: string,
  ) {}

  /** Resolves once the event is stored; rejects if it may not be (the caller fails closed). */
  append(event: EventToAppend): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.#pending.push({ event, resolve, reject });
      if (!this.#appending) void this.#drain();
    });
  }

  get idle(): boolean {
    return !this.#appending && this.#pending.length === 0;
  }

  async #drain(): Promise<void> {
    this.#appending = true;
    while (this.#pending.length > 0) {
      const batch = this.#pending.splice(0, MAX_BATCH);
      try {
        await this.#appendBatch(batch.map((p) => p.event));
        for (const p of batch) p.resolve();
      } catch (error) {
        // Stored or not, nobody can tell: read the version again before the next batch.
        this.#version = undefined;
        for (const p of batch) p.reject(error);
      }
    }
    this.#appending = false;
  }

  async #appendBatch(events: readonly EventToAppend[]): Promise<void> {
    for (let conflicts = 0; ; conflicts++) {
      this.#version ??= await this.store.streamVersion(this.streamName);
      try {
        const result = await this.store.appendToStream(this.streamName, events, { expectedVersion: this.#version === -1 ? 'no_stream' : this.#version });
        this.#version = result.nextExpectedVersion;
        return;
      } catch (error) {
        // A wrong version wrote nothing; any earlier attempt of this batch was at the same version
        // and answered, so retrying at the stream's version cannot store it twice.
        if (!(error instanceof WrongExpectedVersionError) || conflicts + 1 >= MAX_CONFLICTS) throw error;
        this.#version = undefined;
      }
    }
  }
}
