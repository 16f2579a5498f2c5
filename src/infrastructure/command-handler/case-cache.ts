import { RecentlyUsed } from '../recently-used.js';
import type { LoadedCase } from './loaded-case.js';

/**
 * Recently decided cases, so a busy case is not read and parsed again for every command. It is
 * never trusted on its own: an append carries the cached version as its expected version, so a
 * stale entry fails the append and the case is read again; an outcome that writes nothing is
 * confirmed against the stream's version first.
 */
export class CaseCache {
  readonly #entries: RecentlyUsed<string, LoadedCase>;

  constructor(capacity: number) {
    this.#entries = new RecentlyUsed(capacity);
  }

  get(caseId: string): LoadedCase | undefined {
    return this.#entries.get(caseId);
  }

  /** Keeps the newest version seen: a slower request must not put an older case back. */
  set(caseId: string, loaded: LoadedCase): void {
    const current = this.#entries.get(caseId);
    if (current === undefined || current.version <= loaded.version) this.#entries.set(caseId, loaded);
  }

  delete(caseId: string): void {
    this.#entries.delete(caseId);
  }
}
