import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command } from 'commander';
import { backupSources } from './backup-sources.js';
import { checkStoreFile, copyDatabase, NotAMappaStoreError } from '../backup/sqlite-backup.js';
import type { Config } from '../config.js';
import { holdReadModels, ReadModelsHeldError } from '../read-models/holder.js';
import { CliFailure } from './fail.js';

/** `mappa restore <file>`: a backup put in place of the configured event store. */
export function restoreCommand(config: () => Config): Command {
  return new Command('restore')
    .description('put a backup made by `mappa backup` in place of the event store (MAPPA_STORE); the read models are rebuilt at the next start')
    .argument('<file>', 'a backup made by `mappa backup`')
    .option('--replace', 'overwrite an existing event store (stop the server first)')
    .action(async (file: string, options: { replace?: boolean }) => {
      const configured = config();
      const sources = backupSources(configured);
      for (const source of sources) {
        try {
          checkStoreFile(source.copyIn(file));
        } catch (error) {
          if (error instanceof NotAMappaStoreError) throw new CliFailure(`<file>: ${error.message}; nothing was restored`, 2);
          throw error;
        }
        if (existsSync(source.path) && options.replace !== true) {
          throw new CliFailure(`${source.variable}: ${source.path} already holds an ${source.what}; pass --replace to overwrite it (stop the server first)`, 2);
        }
      }
      // A running server holds its read models: it would go on writing to the store being replaced.
      let hold;
      try {
        hold = holdReadModels(configured.readModels);
      } catch (error) {
        if (!(error instanceof ReadModelsHeldError)) throw error;
        throw new CliFailure(`a running server uses this data (it holds the read models ${resolve(configured.readModels)}): stop it first; nothing was restored`);
      }
      try {
        for (const source of sources) {
          const restored = await copyDatabase(source.copyIn(file), source.path);
          process.stdout.write(
            `restored the ${source.what} ${source.path} from ${source.copyIn(file)}: ${restored.events} events, last position ${restored.lastPosition ?? 'none'}, store id ${restored.storeId ?? 'none'}; the read models follow it at the next start\n`,
          );
        }
      } finally {
        hold.release();
      }
    });
}
