import type { AreaCode } from '../../domain/shared/areas.js';
import { RecentlyUsed } from '../recently-used.js';

/** The area managing a case as of one version of its stream. */
export type CaseArea = { readonly area: AreaCode; readonly version: number };

/** The read models' copy of the index, which the projections keep for every case; undefined when a case is not there. */
export type CaseAreaLookup = (caseId: string) => CaseArea | undefined;

/**
 * Which area manages each case, so that a case outside the caller's areas is refused as absent
 * before its stream is read: the answer, and its cost, are then those of a case that does not
 * exist. This process notes what it loads and appends; behind that, the read models hold every
 * case the projections have followed, so the index is full from the start. An entry is only as
 * good as its version: callers compare it with the stream's version before trusting it.
 */
export class CaseAreas {
  readonly #seen: RecentlyUsed<string, CaseArea>;

  constructor(
    private readonly lookup?: CaseAreaLookup,
    capacity = 100_000,
  ) {
    this.#seen = new RecentlyUsed(capacity);
  }

  /** The newest entry known for the case, here or in the read models. */
  get(caseId: string): CaseArea | undefined {
    const seen = this.#seen.get(caseId);
    const stored = this.#stored(caseId);
    if (seen === undefined) return stored;
    return stored !== undefined && stored.version > seen.version ? stored : seen;
  }

  /**
   * The entry for the case at exactly `version`, or undefined: what this process noted first, so
   * a read of a case it knows costs no look-up in the read models.
   */
  at(caseId: string, version: number): CaseArea | undefined {
    const seen = this.#seen.get(caseId);
    if (seen !== undefined && seen.version === version) return seen;
    const stored = this.#stored(caseId);
    return stored !== undefined && stored.version === version ? stored : undefined;
  }

  note(caseId: string, entry: CaseArea): void {
    const seen = this.#seen.get(caseId);
    if (seen === undefined || seen.version <= entry.version) this.#seen.set(caseId, entry);
  }

  #stored(caseId: string): CaseArea | undefined {
    try {
      return this.lookup?.(caseId);
    } catch {
      // Read models that cannot answer (being replaced, broken) leave the stream to decide.
      return undefined;
    }
  }
}
