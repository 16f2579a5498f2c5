import { existsSync } from 'node:fs';
import { SingleBar, Presets } from 'cli-progress';
import { Command } from 'commander';
import { systemClock } from '../clock.js';
import { caseCommandHandler } from '../command-handler/handle-case-command.js';
import type { Config } from '../config.js';
import { openConfiguredStore } from '../eventstore/open-configured-store.js';
import { openConfiguredSubjectKeys } from '../personal-data/open-configured-keys.js';
import { SealedPersonalData } from '../personal-data/personal-data.js';
import { cliActor } from './cli-actor.js';
import { CliFailure } from './fail.js';
import { countLines, importCommands, type ImportReport } from './import/import-lines.js';
import { ImportJournal } from './import/journal.js';

function formatReport(report: ImportReport): string {
  const lines = report.failures.map((f) => `line ${f.line}${f.caseId === null ? '' : ` (case ${f.caseId})`}: ${f.code}: ${f.message}`);
  const summary = `${report.lines} lines: ${report.accepted} accepted, ${report.alreadyImported} already imported, ${report.failures.length} failed`;
  return [...lines, summary].join('\n');
}

export function importCommand(config: () => Config): Command {
  return new Command('import')
    .description('run NDJSON lines of { "caseId", "command" } through the command handler; re-runnable: nothing is written twice')
    .argument('<file>', 'an .ndjson file')
    .option('--actor <id>', 'who the events are recorded as (default cli:<user>)')
    .option('--agency <agency>', 'the agency of that actor', 'other')
    .option('--journal <path>', 'where refusals are remembered between runs (default <file>.journal)')
    .option('--concurrency <n>', 'cases imported at once', '16')
    .action(async (file: string, options: { actor?: string; agency?: string; journal?: string; concurrency: string }) => {
      if (!existsSync(file)) throw new CliFailure(`<file>: no such file: ${file}`, 2);
      const concurrency = Number(options.concurrency);
      if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 256) throw new CliFailure('--concurrency: must be a whole number from 1 to 256', 2);
      const actor = cliActor(options, 'coordinator');
      const store = openConfiguredStore(config().store);
      const keys = openConfiguredSubjectKeys(config().keyStore);
      const bar = new SingleBar({ stream: process.stderr, format: 'importing [{bar}] {value}/{total} lines' }, Presets.shades_classic);
      let report: ImportReport;
      try {
        bar.start(await countLines(file), 0);
        report = await importCommands({
          file,
          handle: caseCommandHandler({ store, clock: systemClock, personalData: new SealedPersonalData(keys) }),
          actor,
          journal: ImportJournal.open(options.journal ?? `${file}.journal`),
          concurrency,
          onLine: () => bar.increment(),
        });
      } finally {
        bar.stop();
        await store.close();
        await keys.close();
      }
      process.stdout.write(`${formatReport(report)}\n`);
      if (report.failures.length > 0) process.exitCode = 1;
    });
}
