import { Command, Option } from 'commander';
import { z } from 'zod';
import { AREA_CODES, areaCode, NATIONAL, type AreaCode } from '../../domain/shared/areas.js';
import { instant } from '../../domain/shared/instant.js';
import { reportingYear } from '../../domain/shared/reporting-year.js';
import { formatsOffered, RETURN_FORMATS } from '../../projections/annual-return/return-types.js';
import { returnAsCsv } from '../../projections/annual-return/render-csv.js';
import { returnAsText } from '../../projections/annual-return/render-text.js';
import type { Config } from '../config.js';
import { openConfiguredStore } from '../eventstore/open-configured-store.js';
import { ProjectionsInThread } from '../read-models/projections-in-thread.js';
import { rebuildWorkersFor } from '../read-models/rebuild-workers-for.js';
import { holdReadModels, ReadModelsHeldError, type ReadModelsHold } from '../read-models/holder.js';
import { CliFailure } from './fail.js';
import { parseOptions } from './options.js';
import { printRevisions } from './return-revisions.js';

const returnOptions = z.object({
  year: reportingYear,
  area: z.union([areaCode, z.literal(NATIONAL)], { error: `must be ${NATIONAL} or an area code: ${AREA_CODES.join(', ')}` }),
  format: z.enum(['json', 'csv', 'text']),
  returnFormat: z.enum(RETURN_FORMATS).optional(),
  knownAt: instant.optional(),
  revisions: z.boolean().optional(),
  submission: z.uuid().optional(),
}).refine((o) => !o.revisions || o.area !== NATIONAL, { path: ['area'], message: 'with --revisions, an area code: returns are submitted by area' })
  .refine((o) => !o.revisions || o.format !== 'csv', { path: ['format'], message: 'with --revisions, text or json' })
  .refine((o) => !o.revisions || o.knownAt === undefined, { path: ['knownAt'], message: 'not with --revisions: revisions are measured as the log stands now' });

function holdUnlessHeld(readModels: string): ReadModelsHold | undefined {
  try {
    return holdReadModels(readModels);
  } catch (error) {
    if (error instanceof ReadModelsHeldError) return undefined;
    throw error;
  }
}

/** A server catches up in the background after it starts: wait (bounded) until its read models hold the log. */
async function untilServerCaughtUp(projections: ProjectionsInThread, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await projections.current())) {
    if (Date.now() > deadline) throw new CliFailure(`the running server has not brought the read models up to the event log in ${timeoutMs / 1000} s; try again later`, 1);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** `mappa return`: an annual return on stdout, from the read models (brought up to date first). */
export function returnCommand(config: () => Config): Command {
  return new Command('return')
    .description('print the MAPPA annual return of an area (or england-and-wales) for a reporting year')
    .requiredOption('--year <YYYY-YY>', 'reporting year, e.g. 2008-09')
    .requiredOption('--area <area>', 'an area code, or england-and-wales')
    .addOption(new Option('--format <format>', 'output').choices(['json', 'csv', 'text']).default('text'))
    .addOption(new Option('--return-format <format>', 'the return format (default: 2008 up to 2014-15, 2015 up to 2023-24, then 2024)').choices([...RETURN_FORMATS]))
    .option('--known-at <instant>', 'the return as it stood at this instant (ISO 8601): only events recorded by then')
    .option('--revisions', 'the return now with each figure revised since its latest submission marked (R), and the revisions note (--format json: the revisions)')
    .option('--submission <id>', 'with --revisions: this submission rather than the latest')
    .action(async (options: Record<string, unknown>) => {
      const { year, area, format, returnFormat, knownAt, revisions, submission } = parseOptions(returnOptions, options);
      if (returnFormat !== undefined && !formatsOffered(year).includes(returnFormat)) {
        throw new CliFailure(`--return-format ${returnFormat} is not offered for ${year}; that year offers ${formatsOffered(year).join(', ')}`, 2);
      }
      const { store: location, readModels } = config();
      const store = openConfiguredStore(location);
      if (revisions) {
        try {
          return await printRevisions(store, { area: area as AreaCode, reportingYear: year, submissionId: submission, format: format === 'json' ? 'json' : 'text' });
        } finally {
          await store.close();
        }
      }
      const workers = rebuildWorkersFor(location);
      const projections = new ProjectionsInThread(store, readModels, workers ? { rebuildWorkers: workers } : {});
      // A running server keeps the read models current and is the one that writes them: they are
      // read as they stand. Otherwise this command holds them while it brings them up to the log.
      const hold = knownAt === undefined ? holdUnlessHeld(readModels) : undefined;
      try {
        if (hold !== undefined) await projections.catchUp();
        else if (knownAt === undefined) await untilServerCaughtUp(projections);
        const result = await projections.annualReturn({
          area,
          reportingYear: year,
          ...(returnFormat !== undefined && { format: returnFormat }),
          ...(knownAt !== undefined && { knownAt: new Date(knownAt).toISOString() }),
        });
        process.stdout.write(format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : format === 'csv' ? returnAsCsv(result) : returnAsText(result));
      } finally {
        await projections.close();
        await store.close();
        hold?.release();
      }
    });
}
