import { Command } from 'commander';
import type { Config } from '../config.js';
import { exitOnStartFailure, serve, stopGracefullyOnSignals } from '../http/serve.js';
import { backupCommand } from './backup-command.js';
import { importCommand } from './import-command.js';
import { usageErrorsAsOneLine } from './options.js';
import { populationsCommand } from './populations-command.js';
import { rebuildCommand } from './rebuild-command.js';
import { replayCommand } from './replay-command.js';
import { resealCommand } from './reseal-command.js';
import { restoreCommand } from './restore-command.js';
import { returnCommand } from './return-command.js';
import { tokenCommand } from './token-command.js';

/** Every command of `mappa`, reading the configuration through `config` when one first needs it. */
export function mappaProgram(config: () => Config): Command {
  const program = new Command('mappa').description(
    'mappa-engine: serve the API, mint development tokens, import commands and populations, replay a case, rebuild the read models, print a return, back up and restore the event store, reseal an older store\'s personal data',
  );
  program
    .command('serve')
    .description('serve the HTTP API (as `npm start`)')
    .action(async () => {
      const server = await serve(config()).catch(exitOnStartFailure);
      stopGracefullyOnSignals(server, config().shutdown);
    });
  for (const command of [tokenCommand, importCommand, populationsCommand, replayCommand, rebuildCommand, returnCommand, backupCommand, restoreCommand, resealCommand]) {
    program.addCommand(command(config));
  }
  usageErrorsAsOneLine(program);
  return program;
}
