import type { KeyStoreLocation } from '../config.js';
import { SubjectKeysInMemory, type SubjectKeys } from './subject-keys.js';
import { SubjectKeysSqlite } from './subject-keys-sqlite.js';

/** The key store the configuration names (MAPPA_KEY_STORE). */
export function openConfiguredSubjectKeys(location: KeyStoreLocation): SubjectKeys {
  switch (location.kind) {
    case 'memory':
      return new SubjectKeysInMemory();
    case 'sqlite':
      return new SubjectKeysSqlite(location.path);
    default: {
      const unknown: never = location;
      throw new Error(`unknown key store ${(unknown as KeyStoreLocation).kind}`);
    }
  }
}

export const describeKeyStoreLocation = (location: KeyStoreLocation): string => (location.kind === 'memory' ? 'memory' : location.path);
