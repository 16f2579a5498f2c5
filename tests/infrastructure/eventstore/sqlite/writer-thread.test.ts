import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../support/temp-dir.js';

const STORE = pathToFileURL(join(import.meta.dirname, '../../../../src/infrastructure/eventstore/sqlite/index.ts')).href;

/** The store's writer thread (writer-thread.ts), as a program using the store sees it. */
describe('the SQLite store\'s writer thread', () => {
  let dir: ReturnType<typeof makeTempDir> | undefined;
  afterEach(() => dir?.remove());

  it('keeps the process alive while an append awaits its commit, and not once it is answered (a store left open does not hang a program)', async () => {
    dir = makeTempDir('writer-thread');
    const program = join(dir.path, 'append-and-leave.mts');
    // No close(): the program ends when nothing is left to do. Had the idle thread kept it alive
    // this would time out; had the thread been let go while the append waited, the await would
    // never settle and Node would exit with code 13 before printing.
    writeFileSync(program, `
      import { randomUUID } from 'node:crypto';
      import { openSqliteEventStore } from '${STORE}';
      const store = openSqliteEventStore(${JSON.stringify(join(dir.path, 'events.db'))});
      const result = await store.appendToStream('left-open', [{ eventId: randomUUID(), type: 'T', data: {}, metadata: {} }]);
      console.log(JSON.stringify({ version: result.nextExpectedVersion, read: (await store.readStream('left-open')).length }));
    `);
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', program], { timeout: 60_000 });
    expect(JSON.parse(stdout.trim())).toEqual({ version: 0, read: 1 });
  }, 70_000);

  it('close() settles in a program with nothing else to do (it awaited the idle thread\'s exit, which held nothing open: Node exited with code 13)', async () => {
    dir = makeTempDir('writer-thread-close');
    const program = join(dir.path, 'append-and-close.mts');
    writeFileSync(program, `
      import { randomUUID } from 'node:crypto';
      import { openSqliteEventStore } from '${STORE}';
      const store = openSqliteEventStore(${JSON.stringify(join(dir.path, 'events.db'))});
      await store.appendToStream('closed', [{ eventId: randomUUID(), type: 'T', data: {}, metadata: {} }]);
      await store.close();
      console.log('closed');
    `);
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', program], { timeout: 60_000 });
    expect(stdout.trim()).toBe('closed');
  }, 70_000);
});
