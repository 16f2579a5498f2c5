import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command } from 'commander';
import { backupSources } from './backup-sources.js';
import { checkStoreFile, copyDatabase, describeSummary, NotAMappaStoreError } from '../backup/sqlite-backup.js';
import type { Config } from '../config.js';
import { holdReadModels, ReadModelsHeldError } from '../read-models/holder.js';
import { CliFailure } from './fail.js';

/** `mappa restore <file>`: a backup put in place of the configured event store (and `<file>.keys` in place of the key store). */
export function restoreCommand(config: () => Config): Command {
  return new Command('restore')
    .description('put a backup made by `mappa backup` in place of the event store (MAPPA_STORE) and <file>.keys in place of the key store (MAPPA_KEY_STORE); the read models are rebuilt at the next start')
    .argument('<file>', 'a backup made by `mappa backup`')
    .option('--replace', 'overwrite an existing event store (stop the server first)')
    .action(async (file: string, options: { replace?: boolean }) => {
      const configured = config();
      const sources = backupSources(configured);
      for (const source of sources) {
        try {
          checkStoreFile(source.copyIn(file), source.what);
        } catch (error) {
          if (error instanceof NotAMappaStoreError) throw new CliFailure(`<file>: ${error.message}; nothing was restored`, 2);
          throw error;
        }
        if (existsSync(source.path) && options.replace !== true) {
          throw new CliFailure(`${source.variable}: ${source.path} already holds ${source.what === 'event store' ? 'an' : 'a'} ${source.what}; pass --replace to overwrite it (stop the server first)`, 2);
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
          const restored = await copyDatabase(source.copyIn(file), source.path, source.what);
          const after = source.what === 'event store' ? 'the read models follow it at the next start' : 'erasures the log records are applied to it again at the next start';
          process.stdout.write(`restored the ${source.what} ${source.path} from ${source.copyIn(file)}: ${describeSummary(restored)}; ${after}\n`);
        }
      } finally {
        hold.release();
      }
    });
}
