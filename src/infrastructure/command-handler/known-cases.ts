import type { EventStreams } from '../eventstore/eventstore.js';
import { CaseAreas, type CaseArea } from './case-areas.js';
import { CaseCache } from './case-cache.js';
import { loadCase, managedArea, type LoadedCase } from './loaded-case.js';

/**
 * The cases this process has read or written: each recent one parsed and folded (so neither a
 * command nor a read of a busy case reads and folds its stream again), and the area of every
 * case it knows (CaseAreas). Shared by the command handler and the case reads; a cached case is
 * only used at the stream version it was folded from.
 */
export class KnownCases {
  readonly areas: CaseAreas;
  readonly #cache: CaseCache;

  constructor(
    readonly store: EventStreams,
    options: { readonly cacheSize?: number; readonly areas?: CaseAreas } = {},
  ) {
    this.#cache = new CaseCache(options.cacheSize ?? 5000);
    this.areas = options.areas ?? new CaseAreas();
  }

  cached(caseId: string): LoadedCase | undefined {
    return this.#cache.get(caseId);
  }

  /** Reads and folds the case's stream, and keeps the result. */
  async load(caseId: string): Promise<LoadedCase> {
    const loaded = await loadCase(this.store, caseId);
    this.remember(caseId, loaded);
    return loaded;
  }

  /** The case at the stream's `version`: the cached fold when it is that version, else read. */
  async at(caseId: string, version: number): Promise<LoadedCase> {
    const cached = this.#cache.get(caseId);
    return cached !== undefined && cached.version === version ? cached : this.load(caseId);
  }

  remember(caseId: string, loaded: LoadedCase): void {
    this.#cache.set(caseId, loaded);
    const area = managedArea(loaded);
    if (area !== undefined) this.areas.note(caseId, { area, version: loaded.version });
  }

  forget(caseId: string): void {
    this.#cache.delete(caseId);
  }

  /** Where the case is managed as far as this process knows, without reading its stream. */
  areaOf(caseId: string): CaseArea | undefined {
    return this.areas.get(caseId);
  }
}
