import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StoreUnavailableError, type EventToAppend } from '../../../../src/infrastructure/eventstore/eventstore.js';
import { openSqliteEventStore, type SqliteEventStore } from '../../../../src/infrastructure/eventstore/sqlite/index.js';
import { makeTempDir } from '../../../support/temp-dir.js';
import { collect, newEvent, newEvents, settle } from '../contract/fixtures.js';

/** Events big enough to need new pages in any database. */
const bulky = (count: number): EventToAppend[] =>
  Array.from({ length: count }, (_, index) => newEvent('Bulky', { index, blob: 'b'.repeat(32 * 1024) }));

async function logIds(store: SqliteEventStore): Promise<string[]> {
  return (await collect(store.readAll())).map((event) => event.eventId);
}

/**
 * The behaviour D3 asks for, whatever makes the storage refuse writes: appends answer
 * StoreUnavailableError (503 at the edge), nothing is half-written, reads and the store object
 * keep working, and once the condition clears the very same batches go through, once.
 */
async function expectUnavailableThenRecovered(
  store: SqliteEventStore,
  condition: {
    readonly impose: () => void | Promise<void>;
    readonly clear: () => void | Promise<void>;
    /** The SQLite result code the condition must surface as. */
    readonly sqliteCode: RegExp;
  },
): Promise<void> {
  await store.appendToStream('kept', newEvents(3));
  const logBefore = await logIds(store);

  await condition.impose();
  const blocked = bulky(5);
  const bystander = newEvents(2);
  const [big, small] = await Promise.all([
    settle(store.appendToStream('blocked', blocked, { expectedVersion: 'no_stream' })),
    settle(store.appendToStream('bystander', bystander, { expectedVersion: 'no_stream' })),
  ]);
  // One transaction per group: when it cannot commit, every append in it is refused as a
  // whole, including the small one that shared its fate.
  expect(big.ok ? undefined : big.error).toBeInstanceOf(StoreUnavailableError);
  expect(small.ok ? undefined : small.error).toBeInstanceOf(StoreUnavailableError);
  expect(((big as { error: Error }).error.cause as { code?: string }).code).toMatch(condition.sqliteCode);
  expect(await store.readStream('kept')).toHaveLength(3);
  expect(await store.streamVersion('blocked')).toBe(-1);
  expect(await store.streamVersion('bystander')).toBe(-1);
  expect(await logIds(store)).toEqual(logBefore);

  await condition.clear();
  await store.appendToStream('blocked', blocked, { expectedVersion: 'no_stream' });
  await store.appendToStream('bystander', bystander, { expectedVersion: 'no_stream' });
  const logAfter = await collect(store.readAll());
  expect(logAfter.map((event) => event.eventId)).toEqual([...logBefore, ...[...blocked, ...bystander].map((event) => event.eventId)]);
  expect(logAfter.map((event) => event.globalPosition)).toEqual(logAfter.map((_, index) => BigInt(index + 1)));
  expect(store.pragma('integrity_check')).toBe('ok');
}

/** Runs a privileged command; undefined when it worked, else why it did not. */
function tryRun(command: string, args: readonly string[]): string | undefined {
  try {
    execFileSync(command, args, { stdio: 'pipe' });
    return undefined;
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    return (stderr || (error as Error).message).replace(/\s+/g, ' ');
  }
}

describe('D3 the database becomes full or read-only', () => {
  const cleanups: Array<() => void | Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('full (max_page_count capped at the current size): StoreUnavailableError, nothing half-written, recovers when raised', async () => {
    const dir = makeTempDir('d3-cap');
    cleanups.push(() => dir.remove());
    const store = openSqliteEventStore(join(dir.path, 'events.db'));
    cleanups.push(() => store.close());
    const defaultCap = store.pragma('max_page_count') as number;

    await expectUnavailableThenRecovered(store, {
      // SQLite never lowers the cap below the current size, so this is "full from now on".
      impose: () => void store.pragma(`max_page_count = ${store.pragma('page_count') as number}`),
      clear: () => void store.pragma(`max_page_count = ${defaultCap}`),
      sqliteCode: /^SQLITE_FULL$/,
    });
  });

  it('full (a real ENOSPC on a small tmpfs): StoreUnavailableError, nothing half-written, recovers when the file system grows', async (context) => {
    const dir = makeTempDir('d3-tmpfs');
    cleanups.push(() => dir.remove());
    // Mounting needs CAP_SYS_ADMIN; CI containers usually lack it. The max_page_count variant
    // above always runs; this one adds the real thing where the runner allows it.
    const refused = tryRun('mount', ['-t', 'tmpfs', '-o', 'size=512k', 'mappa-d3', dir.path]);
    if (refused !== undefined) context.skip(`mount -t tmpfs is not permitted here (${refused})`);
    cleanups.push(() => void tryRun('umount', [dir.path]));
    const store = openSqliteEventStore(join(dir.path, 'events.db'));
    cleanups.push(() => store.close());

    await expectUnavailableThenRecovered(store, {
      impose: async () => {
        // Fill the file system with a plain file, leaving SQLite a few KB.
        const filler = Buffer.alloc(4096);
        for (let i = 0; ; i++) {
          try {
            writeFileSync(join(dir.path, `filler-${i}`), filler);
          } catch {
            break;
          }
        }
      },
      clear: () => {
        const grown = tryRun('mount', ['-o', 'remount,size=16m', dir.path]);
        if (grown !== undefined) throw new Error(`could not grow the tmpfs: ${grown}`);
      },
      sqliteCode: /^SQLITE_FULL$/,
    });
  });

  it('read-only (immutable database and WAL files): StoreUnavailableError, nothing half-written, recovers when writable again', async (context) => {
    const dir = makeTempDir('d3-immutable');
    cleanups.push(() => dir.remove());
    // A read-only remount is refused (EBUSY) while the store holds the file open for writing,
    // so the real condition we can impose on an open store is the immutable flag. It needs
    // CAP_LINUX_IMMUTABLE and a file system that supports it (ext4, xfs, btrfs), which CI
    // containers may lack: probe, and skip saying why.
    const probe = join(dir.path, 'probe');
    writeFileSync(probe, '');
    const refused = tryRun('chattr', ['+i', probe]);
    if (refused !== undefined) context.skip(`chattr +i is not permitted here (${refused})`);
    tryRun('chattr', ['-i', probe]);

    const path = join(dir.path, 'events.db');
    // The -shm file is left writable: SQLite maps it into memory, and a write fault there
    // would be SIGBUS, not an error. The directory, the database and the WAL are enough.
    const locked = [path, `${path}-wal`, dir.path];
    const unlock = () => void tryRun('chattr', ['-i', ...locked]);
    cleanups.push(unlock);
    const store = openSqliteEventStore(path);
    cleanups.push(() => store.close());

    await expectUnavailableThenRecovered(store, {
      impose: () => {
        const failed = tryRun('chattr', ['+i', ...locked]);
        if (failed !== undefined) throw new Error(`could not make the files immutable: ${failed}`);
      },
      clear: unlock,
      sqliteCode: /^SQLITE_IOERR/,
    });

    // Opening while the file is read-only fails loudly, instead of a store that refuses every append.
    await store.close();
    const failed = tryRun('chattr', ['+i', ...locked.filter((file) => !file.endsWith('-wal'))]);
    expect(failed).toBeUndefined();
    expect(() => openSqliteEventStore(path)).toThrow(StoreUnavailableError);
    unlock();
    const reopened = openSqliteEventStore(path);
    cleanups.push(() => reopened.close());
    expect(await reopened.streamVersion('blocked')).toBe(4);
  });
});
