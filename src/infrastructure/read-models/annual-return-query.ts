import { NATIONAL } from '../../domain/shared/areas.js';
import type { AnnualReturn } from '../../projections/annual-return/annual-return.js';
import { assembleReturn, type ReturnQuery } from '../../projections/annual-return/compute-return.js';
import type { ReadModels } from './read-models.js';

/** The return from the read models: summed cells, no case folded at query time. */
export function annualReturnFromReadModels(readModels: ReadModels, query: ReturnQuery): AnnualReturn {
  const facts = readModels.returnFacts(query.reportingYear, query.area === NATIONAL ? undefined : query.area);
  return assembleReturn({ ...query, knownAt: null }, facts, readModels.populations(query.reportingYear));
}
