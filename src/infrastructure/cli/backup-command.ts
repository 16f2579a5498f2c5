import { existsSync } from 'node:fs';
import { Command } from 'commander';
import { backupSources } from './backup-sources.js';
import { copyDatabase, describeSummary, NotAMappaStoreError } from '../backup/sqlite-backup.js';
import type { Config } from '../config.js';
import { CliFailure } from './fail.js';

/** `mappa backup <file>`: a consistent copy of the event store (and the key store, as `<file>.keys`), taken while the server runs. */
export function backupCommand(config: () => Config): Command {
  return new Command('backup')
    .description('copy the event store to <file> and the key store (MAPPA_KEY_STORE) to <file>.keys with SQLite\'s online backup API: consistent while the server writes; the read models need no backup')
    .argument('<file>', 'the backup file to create (it must not exist)')
    .action(async (file: string) => {
      const sources = backupSources(config());
      for (const source of sources) {
        if (existsSync(source.copyIn(file))) throw new CliFailure(`<file>: ${source.copyIn(file)} already exists; name a new file`, 2);
        if (!existsSync(source.path)) throw new CliFailure(`no ${source.what} at ${source.path} (${source.variable}): nothing to back up`, 2);
      }
      for (const source of sources) {
        try {
          const copied = await copyDatabase(source.path, source.copyIn(file), source.what);
          process.stdout.write(`backed up the ${source.what} ${source.path} to ${source.copyIn(file)}: ${describeSummary(copied)}, integrity ok\n`);
        } catch (error) {
          if (error instanceof NotAMappaStoreError) throw new CliFailure(`${error.message} (${source.variable})`);
          throw error;
        }
      }
    });
}
