import { Command } from 'commander';
import { storeLocation, type Config } from '../config.js';
import { describeStoreLocation } from '../eventstore/describe-store-location.js';
import { openConfiguredStore } from '../eventstore/open-configured-store.js';
import { describeKeyStoreLocation, openConfiguredSubjectKeys } from '../personal-data/open-configured-keys.js';
import { reseal, TargetNotEmptyError } from '../personal-data/reseal.js';
import { CliFailure } from './fail.js';

function location(option: string, value: string | undefined) {
  const parsed = storeLocation.safeParse(value ?? '');
  if (!parsed.success || parsed.data.kind === 'memory') throw new CliFailure(`${option}: must be \`sqlite:<path>\` or an \`esdb://\` connection string`, 2);
  return parsed.data;
}

/**
 * `mappa reseal --from <store> --to <store>`: the one-off migration of a log written before
 * personal data was sealed into a new store (docs/DOMAIN.md section 13), with the keys made in
 * the configured key store (MAPPA_KEY_STORE), which the new store is then served with.
 */
export function resealCommand(config: () => Config): Command {
  return new Command('reseal')
    .description('copy every event of a store into a new, empty one, sealing the personal data older events hold in clear (keys in MAPPA_KEY_STORE); nothing is edited in place')
    .requiredOption('--from <store>', 'the store to read: sqlite:<path> or an esdb:// connection string')
    .requiredOption('--to <store>', 'the new, empty store to write')
    .action(async (options: { from?: string; to?: string }) => {
      const fromAt = location('--from', options.from);
      const toAt = location('--to', options.to);
      if (describeStoreLocation(fromAt) === describeStoreLocation(toAt) && fromAt.kind === 'sqlite') throw new CliFailure('--to: must not be the --from store', 2);
      const keyStore = config().keyStore;
      const keys = openConfiguredSubjectKeys(keyStore);
      const from = openConfiguredStore(fromAt);
      const to = openConfiguredStore(toAt);
      try {
        const report = await reseal(from, to, keys);
        process.stdout.write(
          `copied ${report.events} events from ${describeStoreLocation(fromAt)} to ${describeStoreLocation(toAt)}: ${report.sealed} personal fields sealed, ${report.flagged} bases given under18AtRelevantDate; keys in ${describeKeyStoreLocation(keyStore)}\n`,
        );
      } catch (error) {
        if (error instanceof TargetNotEmptyError) throw new CliFailure(`--to: ${error.message}`, 2);
        throw error;
      } finally {
        await from.close();
        await to.close();
        await keys.close();
      }
    });
}
