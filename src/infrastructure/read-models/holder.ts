import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

/**
 * Which process keeps a read-model file current. A server holds `<read models>.lock` for as long
 * as it runs: an SQLite file in exclusive locking mode, so the lock is the operating system's and
 * goes with the process, however it ends (SIGKILL included), with no stale pid to clean up. A
 * one-shot command that would write the read models (`mappa rebuild`) asks first and refuses.
 */
export type ReadModelsHold = { release(): void };

export class ReadModelsHeldError extends Error {
  constructor(readonly path: string) {
    super(`another process (a running server, or a mappa command bringing them up to date) holds the read models ${path}`);
    this.name = 'ReadModelsHeldError';
  }
}

const IN_MEMORY = ':memory:';
const lockPath = (readModels: string) => `${readModels}.lock`;
const isBusy = (error: unknown) => error instanceof Database.SqliteError && /^SQLITE_(BUSY|LOCKED)/.test(error.code);

/** Holds the read models for this process; ReadModelsHeldError when another process does. */
export function holdReadModels(readModels: string): ReadModelsHold {
  if (readModels === IN_MEMORY) return { release: () => undefined };
  mkdirSync(dirname(readModels), { recursive: true });
  const db = new Database(lockPath(readModels), { timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    // The first write takes the exclusive lock; in this locking mode it is kept until close.
    db.exec('BEGIN EXCLUSIVE');
    db.exec('COMMIT');
  } catch (error) {
    db.close();
    throw isBusy(error) ? new ReadModelsHeldError(readModels) : error;
  }
  return { release: () => db.close() };
}
