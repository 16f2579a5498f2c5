import { resolve } from 'node:path';
import { Presets, SingleBar } from 'cli-progress';
import { Command } from 'commander';
import type { Config } from '../config.js';
import { openConfiguredStore } from '../eventstore/open-configured-store.js';
import { ProjectionsInThread } from '../read-models/projections-in-thread.js';
import { rebuildWorkersFor } from '../read-models/rebuild-workers-for.js';
import { holdReadModels, ReadModelsHeldError, type ReadModelsHold } from '../read-models/holder.js';
import { CliFailure } from './fail.js';

/**
 * `mappa rebuild`: every read model rebuilt from the event log, beside the old file, then put
 * in place. For a running server use POST /admin/projections/rebuild instead: it swaps the
 * read models it holds open.
 */
export function rebuildCommand(config: () => Config): Command {
  return new Command('rebuild')
    .description('rebuild the read models (caseload, annual returns) from the event log; for a running server use POST /admin/projections/rebuild')
    .action(async () => {
      const { store: location, readModels } = config();
      if (readModels === ':memory:') throw new CliFailure('the read models are in memory (MAPPA_STORE=memory): there is nothing to rebuild on disk', 2);
      // A server holds the file it follows; swapping it under that server would lose its updates.
      let hold: ReadModelsHold;
      try {
        hold = holdReadModels(readModels);
      } catch (error) {
        if (!(error instanceof ReadModelsHeldError)) throw error;
        throw new CliFailure(`a running server holds the read models ${resolve(readModels)}: ask it to rebuild (POST /admin/projections/rebuild, role admin), or stop it first`);
      }
      const store = openConfiguredStore(location);
      const workers = rebuildWorkersFor(location);
      const projections = new ProjectionsInThread(store, readModels, workers ? { rebuildWorkers: workers } : {});
      const bar = new SingleBar(
        { stream: process.stderr, format: 'rebuilding read models: {value} events projected, {duration_formatted}', hideCursor: true },
        Presets.shades_classic,
      );
      bar.start(0, 0);
      try {
        const report = await projections.rebuild((events) => bar.update(events));
        bar.stop();
        process.stdout.write(`rebuilt ${readModels}: ${report.events} events, ${report.cases} cases, checkpoint ${report.checkpoint ?? 'none'}\n`);
      } finally {
        bar.stop();
        await projections.close();
        await store.close();
        hold.release();
      }
    });
}
