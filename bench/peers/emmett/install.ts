/**
 * Installs Emmett into this folder on first use (`npm ci` from the lock beside this file), never
 * into the project: it is measured, not depended on. sqlite3 tries to download a prebuilt binary
 * first and builds from source when it cannot (a few minutes; needs python3, make and a C++
 * compiler, and Node's headers, which an official Node install ships).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const EMMETT_DIR = fileURLToPath(new URL('.', import.meta.url));
export const EMMETT_VERSION = '0.38.5';

export type Installed = { readonly ok: true; readonly require: NodeJS.Require } | { readonly ok: false; readonly reason: string };

const lastLines = (text: string, count = 6) => text.trim().split('\n').slice(-count).join(' | ');

export function ensureEmmettInstalled(): Installed {
  const require = createRequire(join(EMMETT_DIR, 'package.json'));
  if (!existsSync(join(EMMETT_DIR, 'node_modules', '@event-driven-io', 'emmett-sqlite', 'package.json'))) {
    process.stderr.write(`installing Emmett ${EMMETT_VERSION} into bench/peers/emmett (npm ci; sqlite3 may build from source: minutes)\n`);
    const installed = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: EMMETT_DIR, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
    if (installed.error) return { ok: false, reason: `npm ci could not run: ${installed.error.message}` };
    if (installed.status !== 0) return { ok: false, reason: `npm ci failed (exit ${installed.status}): ${lastLines(installed.stderr)}` };
  }
  try {
    // The native binding is what fails when sqlite3 could neither download nor build one.
    require('sqlite3');
    return { ok: true, require };
  } catch (error) {
    return { ok: false, reason: `sqlite3 is installed but does not load: ${error instanceof Error ? error.message : String(error)}` };
  }
}
