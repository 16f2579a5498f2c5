import { scopeCovers, type AreaScope } from '../auth/principal.js';
import { managedArea, type LoadedCase } from '../command-handler/loaded-case.js';
import type { KnownCases } from '../command-handler/known-cases.js';
import { streams } from '../eventstore/stream-names.js';

/** A case the caller may see, at the stream version that was checked; `loaded` when its stream had to be read for that. */
type VisibleCase = { readonly version: number; readonly loaded?: LoadedCase };

const coveredArea = (loaded: LoadedCase, areas: AreaScope) => {
  const area = managedArea(loaded);
  return area !== undefined && scopeCovers(areas, area);
};

/**
 * Whether a case exists in one of the caller's areas, decided as the command handler decides it:
 * from the area index (or the cached case) and the stream's version, so that a case outside the
 * caller's areas is refused at the cost of an absent one, without its stream being read. The
 * stream is read only when the index does not know the case at its current version. Null: 404.
 */
export async function visibleVersion(cases: KnownCases, caseId: string, areas: AreaScope): Promise<VisibleCase | null> {
  const version = await cases.store.streamVersion(streams.case(caseId));
  if (version === -1) return null;
  const known = cases.areas.at(caseId, version);
  if (known !== undefined) return scopeCovers(areas, known.area) ? { version } : null;
  const loaded = await cases.load(caseId);
  return coveredArea(loaded, areas) ? { version: loaded.version, loaded } : null;
}

/** The visible case parsed and folded: the cached fold when it is the version checked, so a busy case is not refolded per read. */
export async function visibleCase(cases: KnownCases, caseId: string, areas: AreaScope): Promise<LoadedCase | null> {
  const visible = await visibleVersion(cases, caseId, areas);
  if (visible === null) return null;
  const loaded = visible.loaded ?? (await cases.at(caseId, visible.version));
  // Read after the check, it may be newer still: the area is the one it has now.
  return loaded.version === visible.version || coveredArea(loaded, areas) ? loaded : null;
}
