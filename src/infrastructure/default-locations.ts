import { isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from './config.js';

/** The engine's own directory (where package.json is). */
const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The default locations (`./data`, its `mappa.db`, `read-models.db`, `mappa-keys.db`) are the package directory's,
 * whichever directory a command runs in: npm runs `npm start` and `npm run mappa` there, so the
 * `mappa` command run from anywhere else finds the same data directory, and the same token
 * secret, as the server. A location set in the environment is used as given.
 */
export function anchorDefaultLocations(config: Config, env: Readonly<Record<string, string | undefined>>, root = PACKAGE_ROOT): Config {
  const unset = (name: string) => env[name] === undefined || env[name] === '';
  const anchor = (path: string) => (isAbsolute(path) ? path : join(root, path));
  const dataDir = unset('MAPPA_DATA_DIR') ? anchor(config.dataDir) : config.dataDir;
  const store = unset('MAPPA_STORE') && config.store.kind === 'sqlite' ? { kind: 'sqlite' as const, path: anchor(config.store.path) } : config.store;
  const readModels =
    unset('MAPPA_READ_MODELS') && config.readModels !== ':memory:' && unset('MAPPA_DATA_DIR') ? anchor(config.readModels) : config.readModels;
  const keyStore =
    unset('MAPPA_KEY_STORE') && config.keyStore.kind === 'sqlite' && unset('MAPPA_DATA_DIR') ? { kind: 'sqlite' as const, path: anchor(config.keyStore.path) } : config.keyStore;
  return { ...config, dataDir, store, readModels, keyStore };
}
