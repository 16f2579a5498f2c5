import type { StoredEvent } from '../eventstore/eventstore.js';

/**
 * Recent case streams, each exactly the case's events up to the read models' checkpoint, so a
 * busy case is not read again for every batch: a batch holds every event of the log after the
 * checkpoint, so a kept stream plus the batch's events of that case is the stream up to the
 * batch. It is only valid beside the read models it was built with (the runner clears it when it
 * starts) and is updated only once a batch has committed.
 */
export class CaseStreams {
  readonly #streams = new Map<string, readonly StoredEvent[]>();

  constructor(private readonly capacity = 20_000) {}

  get(caseId: string): readonly StoredEvent[] | undefined {
    const stream = this.#streams.get(caseId);
    if (stream !== undefined) {
      this.#streams.delete(caseId);
      this.#streams.set(caseId, stream);
    }
    return stream;
  }

  set(caseId: string, stream: readonly StoredEvent[]): void {
    this.#streams.delete(caseId);
    this.#streams.set(caseId, stream);
    if (this.#streams.size > this.capacity) this.#streams.delete(this.#streams.keys().next().value!);
  }

  clear(): void {
    this.#streams.clear();
  }
}
