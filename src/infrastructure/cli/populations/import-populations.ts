import { z } from 'zod';
import { areaPopulationRecorded, populationRecord } from '../../../domain/area/events.js';
import { reportingYear } from '../../../domain/shared/reporting-year.js';
import type { Actor } from '../../auth/actor.js';
import type { Clock } from '../../clock.js';
import { recordAreaPopulation } from '../../command-handler/record-area-population.js';
import type { EventStore } from '../../eventstore/eventstore.js';
import { CliFailure } from '../fail.js';
import { describeIssue } from '../options.js';
import { csvRecords } from './csv.js';

export const POPULATION_COLUMNS = ['area', 'reportingYear', 'basis', 'population', 'source'] as const;

const populationRow = z.object({
  area: areaPopulationRecorded.shape.area,
  // What PUT /areas/{area}/population/{reportingYear} accepts: the wire format's bounds.
  reportingYear,
  basis: areaPopulationRecorded.shape.basis,
  population: z
    .string()
    .regex(/^\d+$/, { message: 'must be a whole number from 1 to 100000000' })
    .transform(Number)
    .pipe(areaPopulationRecorded.shape.population),
  source: populationRecord.shape.source,
});

type PopulationsReport = {
  readonly rows: number;
  readonly recorded: number;
  readonly unchanged: number;
  readonly failures: readonly { readonly line: number; readonly message: string }[];
};

/**
 * Each row of a CSV file `area,reportingYear,basis,population,source` recorded through the same
 * path as `PUT /areas/{area}/population/{reportingYear}` (recordAreaPopulation), as `actor`.
 * Rows whose figure is already the latest write nothing, so the file can be run again. A header
 * other than those columns is a usage error; a bad row is reported by line and column.
 */
export async function importPopulations(text: string, options: { readonly store: EventStore; readonly clock: Clock; readonly actor: Actor; readonly correlationId: string }): Promise<PopulationsReport> {
  const [header, ...records] = csvRecords(text);
  const columns = header?.fields.map((f) => f.trim());
  if (columns === undefined || columns.join(',') !== POPULATION_COLUMNS.join(',')) {
    throw new CliFailure(`<file>: the first line must be the header ${POPULATION_COLUMNS.join(',')}${columns === undefined ? ' (the file is empty)' : `, not ${columns.join(',')}`}`, 2);
  }
  let recorded = 0;
  let unchanged = 0;
  const failures: { line: number; message: string }[] = [];
  for (const { line, fields } of records) {
    if (fields.length !== POPULATION_COLUMNS.length) {
      failures.push({ line, message: `has ${fields.length} fields; expected ${POPULATION_COLUMNS.length} (${POPULATION_COLUMNS.join(',')})` });
      continue;
    }
    const parsed = populationRow.safeParse(Object.fromEntries(POPULATION_COLUMNS.map((column, i) => [column, fields[i]!.trim()])));
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      failures.push({ line, message: `${String(issue.path[0])}: ${describeIssue(issue)}` });
      continue;
    }
    const outcome = await recordAreaPopulation(options.store, options.clock, parsed.data, { actor: options.actor, correlationId: options.correlationId });
    if (outcome.kind === 'recorded') recorded++;
    else if (outcome.kind === 'unchanged') unchanged++;
    else failures.push({ line, message: 'conflict: the area kept changing; nothing was written; run the file again' });
  }
  return { rows: records.length, recorded, unchanged, failures };
}
