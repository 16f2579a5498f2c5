import Database from 'better-sqlite3';
import { StoreUnavailableError } from '../eventstore.js';

/**
 * SQLite result codes that say the storage, not the request, is at fault: disk full, read-only
 * or failing, file unopenable, lock not obtained within busy_timeout, corruption. Extended
 * codes (SQLITE_IOERR_WRITE, SQLITE_READONLY_DBMOVED...) share their primary code's prefix.
 */
const STORAGE_FAULT = /^SQLITE_(FULL|READONLY|IOERR|CANTOPEN|BUSY|CORRUPT|NOTADB|NOMEM|PROTOCOL|PERM)(_|$)/;

export function isStorageFault(error: unknown): error is InstanceType<Database.SqliteError> {
  return error instanceof Database.SqliteError && STORAGE_FAULT.test(error.code);
}

/** A failed system call on the store's directory or file (mkdir refused, no space, read-only file system). */
function isFileSystemFault(error: unknown): boolean {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).syscall === 'string';
}

/** A storage fault becomes StoreUnavailableError (503, retry later); anything else is a bug and stays as it is. */
export function asStoreError(error: unknown): unknown {
  if (isStorageFault(error)) {
    return new StoreUnavailableError(`the SQLite event store is unavailable (${error.code})`, { cause: error });
  }
  if (isFileSystemFault(error)) {
    const code = (error as NodeJS.ErrnoException).code ?? 'file system error';
    return new StoreUnavailableError(`the SQLite event store is unavailable (${code})`, { cause: error });
  }
  return error;
}
