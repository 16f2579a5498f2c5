import { Command } from 'commander';
import type { Config } from '../config.js';
import { configOrExit } from '../config-or-exit.js';
import { exitOnStartFailure, serve, stopGracefullyOnSignals } from '../http/serve.js';
import { backupCommand } from './backup-command.js';
import { exitWith } from './fail.js';
import { importCommand } from './import-command.js';
import { rebuildCommand } from './rebuild-command.js';
import { replayCommand } from './replay-command.js';
import { restoreCommand } from './restore-command.js';
import { returnCommand } from './return-command.js';
import { tokenCommand } from './token-command.js';

/** The configuration, read once, when a command first needs it (so `--help` works without one). */
let config: Config | undefined;
const loadedConfig = () => (config ??= configOrExit(process.env));

const program = new Command('mappa')
  .description('mappa-engine: serve the API, mint development tokens, import commands, replay a case, rebuild the read models, print a return, back up and restore the event store')
  .showHelpAfterError();

program
  .command('serve')
  .description('serve the HTTP API (as `npm start`)')
  .action(async () => {
    const server = await serve(loadedConfig()).catch(exitOnStartFailure);
    stopGracefullyOnSignals(server, loadedConfig().shutdown);
  });
program.addCommand(tokenCommand(loadedConfig));
program.addCommand(importCommand(loadedConfig));
program.addCommand(replayCommand(loadedConfig));
program.addCommand(rebuildCommand(loadedConfig));
program.addCommand(returnCommand(loadedConfig));
program.addCommand(backupCommand(loadedConfig));
program.addCommand(restoreCommand(loadedConfig));

await program.parseAsync(process.argv).catch(exitWith);
