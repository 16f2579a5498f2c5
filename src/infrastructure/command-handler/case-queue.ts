/**
 * Commands to one case run one at a time, in the order they arrived, within this process: a
 * command waits for the one before it instead of racing it to the append and losing (409).
 * Between processes (two servers, the server and `mappa import`) the expected version of each
 * append still decides, and only there can a conflict remain.
 */
export class CaseQueue {
  /** The last command queued for each case, settled either way; gone once the case is idle. */
  readonly #tails = new Map<string, Promise<void>>();

  run<T>(caseId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(caseId) ?? Promise.resolve();
    const result = previous.then(work);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.#tails.set(caseId, tail);
    void tail.then(() => {
      if (this.#tails.get(caseId) === tail) this.#tails.delete(caseId);
    });
    return result;
  }

  /** Cases with a command running or waiting. */
  get busyCases(): number {
    return this.#tails.size;
  }
}
