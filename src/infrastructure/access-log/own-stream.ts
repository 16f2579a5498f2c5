import { WrongExpectedVersionError, type EventStreams, type EventToAppend } from '../eventstore/eventstore.js';

/** Records appended together at most; more wait for the next append. */
const MAX_BATCH = 200;
/**
 * Appends in flight at once, each at the version the ones before it will leave. With one, the
 * records arriving during an append's commit waited for its answer before theirs could start,
 * so the store's writer and this thread took turns idling.
 */
const MAX_IN_FLIGHT = 4;
/** Another writer on this stream (it should have none) makes a batch re-read the version this often at most. */
const MAX_CONFLICTS = 3;

type Pending = { readonly event: EventToAppend; readonly resolve: () => void; readonly reject: (error: unknown) => void };
type Batch = { readonly records: readonly Pending[]; readonly conflicts: number };

/**
 * Appends to a stream that only this writer writes to, always at the exact version its earlier
 * appends leave (never `any`): an append retried after a lost answer, even across an EventStoreDB
 * restart, is then recognised by the store from the stream's own events and written once.
 * Records arriving while appends are in flight go together in the next one, so concurrent
 * readers share appends rather than queue one by one.
 */
export class OwnStreamAppender {
  /** The stream's version once every append sent so far is stored; undefined when unknown. */
  #version: number | undefined;
  #pending: Pending[] = [];
  /** Batches refused for a wrong version, to be sent again (before newer records) once the version is known. */
  #retries: Batch[] = [];
  #inFlight = 0;
  #readingVersion = false;
  #scheduled = false;

  constructor(
    private readonly store: EventStreams,
    readonly streamName: string,
  ) {}

  /** Resolves once the event is stored; rejects if it may not be (the caller fails closed). */
  append(event: EventToAppend): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.#pending.push({ event, resolve, reject });
      if (this.#inFlight === 0) this.#pump();
      else if (!this.#scheduled) {
        // Appends are already out: the records of this turn of the event loop go as one batch.
        this.#scheduled = true;
        setImmediate(() => {
          this.#scheduled = false;
          this.#pump();
        });
      }
    });
  }

  get idle(): boolean {
    return this.#inFlight === 0 && !this.#readingVersion && !this.#scheduled && this.#pending.length === 0 && this.#retries.length === 0;
  }

  #pump(): void {
    while (!this.#readingVersion && this.#inFlight < MAX_IN_FLIGHT && (this.#retries.length > 0 || this.#pending.length > 0)) {
      if (this.#version === undefined) {
        // Read only once nothing is in flight: a version read meanwhile could be overtaken.
        if (this.#inFlight === 0) this.#readVersion();
        return;
      }
      const batch = this.#retries.shift() ?? { records: this.#pending.splice(0, MAX_BATCH), conflicts: 0 };
      const expected = this.#version;
      this.#version += batch.records.length;
      this.#send(batch, expected);
    }
  }

  #readVersion(): void {
    this.#readingVersion = true;
    this.store.streamVersion(this.streamName).then(
      (version) => {
        this.#readingVersion = false;
        this.#version = version;
        this.#pump();
      },
      (error: unknown) => {
        this.#readingVersion = false;
        // Nothing can be appended without the version: whatever waits is refused (fail closed).
        for (const batch of this.#retries.splice(0)) for (const p of batch.records) p.reject(error);
        for (const p of this.#pending.splice(0)) p.reject(error);
      },
    );
  }

  #send(batch: Batch, expected: number): void {
    this.#inFlight++;
    const events = batch.records.map((p) => p.event);
    this.store.appendToStream(this.streamName, events, { expectedVersion: expected === -1 ? 'no_stream' : expected }).then(
      () => {
        this.#inFlight--;
        for (const p of batch.records) p.resolve();
        this.#pump();
      },
      (error: unknown) => {
        this.#inFlight--;
        // Stored or not, nobody can tell: read the version again before the next batch. A wrong
        // version wrote nothing (an earlier batch it counted on was refused, or another writer
        // appended), so sending the same events again at the stream's version cannot store them twice.
        this.#version = undefined;
        if (error instanceof WrongExpectedVersionError && batch.conflicts + 1 < MAX_CONFLICTS) {
          this.#retries.push({ records: batch.records, conflicts: batch.conflicts + 1 });
        } else {
          for (const p of batch.records) p.reject(error);
        }
        this.#pump();
      },
    );
  }
}
