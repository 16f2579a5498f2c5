import type { LoadedCase } from './case-stream.js';

/**
 * Recently decided cases, so a busy case is not read and parsed again for every command. It is
 * never trusted on its own: an append carries the cached version as its expected version, so a
 * stale entry fails the append and the case is read again; an outcome that writes nothing is
 * confirmed against the stream's version first. Least recently used entries are dropped.
 */
export class CaseCache {
  readonly #entries = new Map<string, LoadedCase>();

  constructor(private readonly capacity: number) {}

  get(caseId: string): LoadedCase | undefined {
    const entry = this.#entries.get(caseId);
    if (entry !== undefined) {
      this.#entries.delete(caseId);
      this.#entries.set(caseId, entry);
    }
    return entry;
  }

  /** Keeps the newest version seen: a slower request must not put an older case back. */
  set(caseId: string, loaded: LoadedCase): void {
    if (this.capacity <= 0) return;
    const current = this.#entries.get(caseId);
    if (current !== undefined && current.version > loaded.version) return;
    this.#entries.delete(caseId);
    this.#entries.set(caseId, loaded);
    if (this.#entries.size > this.capacity) this.#entries.delete(this.#entries.keys().next().value!);
  }

  delete(caseId: string): void {
    this.#entries.delete(caseId);
  }
}
