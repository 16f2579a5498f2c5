import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { Command } from 'commander';
import { systemClock } from '../clock.js';
import type { Config } from '../config.js';
import { openConfiguredStore } from '../eventstore/open-configured-store.js';
import { cliActor } from './cli-actor.js';
import { CliFailure } from './fail.js';
import { importPopulations, POPULATION_COLUMNS } from './populations/import-populations.js';

/** `mappa populations import <file.csv>`: every area's population for a year in one run, not 42 PUTs. */
export function populationsCommand(config: () => Config): Command {
  const populations = new Command('populations').description("areas' populations (the rate per 100,000 of the returns)");
  populations
    .command('import')
    .description(`record populations from a CSV file with the header ${POPULATION_COLUMNS.join(',')}, as PUT /areas/{area}/population/{reportingYear} does; re-runnable`)
    .argument('<file>', 'a .csv file')
    .option('--actor <id>', 'who the records are made by (default cli:<user>)')
    .option('--agency <agency>', 'the agency of that actor', 'other')
    .action(async (file: string, options: { actor?: string; agency?: string }) => {
      if (!existsSync(file)) throw new CliFailure(`<file>: no such file: ${file}`, 2);
      const actor = cliActor(options, 'admin');
      const text = readFileSync(file, 'utf8');
      const store = openConfiguredStore(config().store);
      try {
        const report = await importPopulations(text, { store, clock: systemClock, actor, correlationId: randomUUID() });
        const lines = report.failures.map((f) => `line ${f.line}: ${f.message}`);
        process.stdout.write(`${[...lines, `${report.rows} rows: ${report.recorded} recorded, ${report.unchanged} unchanged, ${report.failures.length} failed`].join('\n')}\n`);
        if (report.failures.length > 0) process.exitCode = 1;
      } finally {
        await store.close();
      }
    });
  return populations;
}
