import { resolve } from 'node:path';
import type { StoreFileKind } from '../backup/sqlite-backup.js';
import type { Config } from '../config.js';
import { CliFailure } from './fail.js';

/**
 * A file a backup must hold: the event log, and every other store whose loss loses data. The
 * read models are not one of them: they are rebuilt from the log.
 */
type BackupSource = {
  /** What the file is, which decides how its copy is checked and summarised. */
  readonly what: StoreFileKind;
  /** The variable that names its location, for messages. */
  readonly variable: string;
  readonly path: string;
  /** Where its copy goes, given the file named on the command line. */
  copyIn(backup: string): string;
};

/**
 * Everything `mappa backup` copies and `mappa restore` puts back, in that order: the event store
 * to `<file>`, and the key store of personal data (docs/DOMAIN.md section 13) to `<file>.keys`
 * when it is an SQLite file (an in-memory key store goes only with an in-memory event store,
 * which is refused here). The key store's copy is taken after the log's, so it may be newer;
 * restored, it may also be older than the log without harm: on opening, the engine applies every
 * erasure the log records to the key store again (personal-data/reapply-erasures.ts), so a key
 * destroyed after the key store's backup stays destroyed.
 */
export function backupSources(config: Pick<Config, 'store' | 'keyStore'>): BackupSource[] {
  const store = config.store;
  if (store.kind !== 'sqlite') {
    throw new CliFailure(
      `MAPPA_STORE is ${store.kind === 'memory' ? 'memory (nothing to back up)' : 'EventStoreDB: back it up with its own tools (see README, "Back up, restore, upgrade")'}; mappa backup and restore copy the embedded SQLite store`,
      2,
    );
  }
  const sources: BackupSource[] = [{ what: 'event store', variable: 'MAPPA_STORE', path: resolve(store.path), copyIn: (backup) => resolve(backup) }];
  const keyStore = config.keyStore;
  if (keyStore.kind === 'sqlite') {
    sources.push({ what: 'key store', variable: 'MAPPA_KEY_STORE', path: resolve(keyStore.path), copyIn: (backup) => `${resolve(backup)}.keys` });
  }
  return sources;
}
