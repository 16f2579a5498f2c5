import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/infrastructure/clock.js';
import { caseCommandHandler } from '../../src/infrastructure/command-handler/handle-case-command.js';
import { StoreUnavailableError, type EventStore } from '../../src/infrastructure/eventstore/eventstore.js';
import { streams } from '../../src/infrastructure/eventstore/stream-names.js';
import { openMemoryEventStore } from '../../src/infrastructure/eventstore/memory.js';
import { openSqliteEventStore } from '../../src/infrastructure/eventstore/sqlite/index.js';
import { importCommands } from '../../src/infrastructure/cli/import/import-lines.js';
import { ImportJournal } from '../../src/infrastructure/cli/import/journal.js';
import { refer } from '../domain/case/support/builders.js';
import { storeWith } from '../http/support/faulty-store.js';
import { MAPPA_CLI, runTs } from '../support/run-process.js';
import { makeTempDir } from '../support/temp-dir.js';

const actor = { id: 'importer', role: 'coordinator', agency: 'other' } as const;
const line = (caseId: string, command: unknown) => JSON.stringify({ caseId, command });

const FILE = [
  line('a', refer()),
  line('a', { type: 'ChangeLocalUnit', occurredOn: '2009-01-01', localUnit: 'South' }),
  '',
  line('b', refer({ area: 'lancashire' })),
  line('a', { type: 'RecordRelease', occurredOn: '2009-02-01' }),
  '{ not json',
  line('b', { type: 'RecordNotificationBreach', occurredOn: '2009-03-01', disposal: 'caution', actor: 'someone' }),
  line('b', { type: 'RecordNotificationBreach', occurredOn: '2009-03-01', disposal: 'caution' }),
].join('\n');

async function countEvents(store: EventStore): Promise<number> {
  let n = 0;
  for await (const event of store.readAll()) if (event.streamName.startsWith(streams.casePrefix)) n++;
  return n;
}

describe('mappa import', () => {
  let dir: ReturnType<typeof makeTempDir> | undefined;
  afterEach(() => dir?.remove());

  const setup = () => {
    dir = makeTempDir('import');
    const file = join(dir.path, 'commands.ndjson');
    writeFileSync(file, FILE);
    const store = openMemoryEventStore();
    const run = (s: EventStore = store) =>
      importCommands({ file, handle: caseCommandHandler({ store: s, clock: manualClock('2026-11-24T10:00:00Z') }), actor, journal: ImportJournal.open(`${file}.journal`), concurrency: 4 });
    return { file, store, run };
  };

  it('runs each line through the handler in file order per case, and reports each failed line', async () => {
    const { store, run } = setup();
    const report = await run();
    expect(report).toEqual({
      lines: 7,
      accepted: 4,
      alreadyImported: 0,
      failures: [
        { line: 5, caseId: 'a', code: 'not-in-custody', message: expect.any(String) },
        { line: 6, caseId: null, code: 'invalid-json', message: 'the line is not valid JSON' },
        { line: 7, caseId: 'b', code: 'invalid-command', message: 'command.actor: is not a known field' },
      ],
    });
    const a = await store.readStream(streams.case('a'));
    expect(a.map((e) => e.type)).toEqual(['OffenderReferred', 'LocalUnitChanged']);
    expect(a[0]!.metadata['actor']).toEqual(actor);
    expect(await countEvents(store)).toBe(4);
  });

  it('a re-run writes nothing twice, and retries the lines that failed', async () => {
    const { file, store, run } = setup();
    await run();
    const again = await run();
    expect(again).toMatchObject({ accepted: 0, alreadyImported: 4 });
    expect(again.failures.map((f) => f.line)).toEqual([5, 6, 7]);
    expect(await countEvents(store)).toBe(4);
    // Fix the cause of line 5 (the subject is in custody first) by adding a line: line 5 now succeeds.
    writeFileSync(file, FILE.replace(line('a', { type: 'RecordRelease', occurredOn: '2009-02-01' }), line('a', { type: 'RecordCustody', occurredOn: '2009-01-15', reason: 'remand' })));
    appendFileSync(file, `\n${line('a', { type: 'RecordRelease', occurredOn: '2009-02-01' })}`);
    const fixed = await run();
    expect(fixed).toMatchObject({ accepted: 2, alreadyImported: 4 });
    expect((await store.readStream(streams.case('a'))).map((e) => e.type)).toEqual(['OffenderReferred', 'LocalUnitChanged', 'TakenIntoCustody', 'ReleasedFromCustody']);
    expect(readFileSync(`${file}.journal`, 'utf8').trim().split('\n').length).toBeGreaterThanOrEqual(6);
  });

  it('a store fault stops the import (not a line failure); the re-run completes it without duplicates', async () => {
    const { store, run } = setup();
    let appends = 0;
    const dying = storeWith(store, {
      appendToStream: (s, events, options) => (s.startsWith(streams.casePrefix) && ++appends > 2 ? Promise.reject(new StoreUnavailableError('disk full')) : store.appendToStream(s, events, options)),
    });
    await expect(run(dying)).rejects.toThrow('disk full');
    const report = await run();
    expect(report.accepted + report.alreadyImported).toBe(4);
    expect(await countEvents(store)).toBe(4);
  });

  it('the command line: a progress bar on stderr, the report, exit 1 when a line failed, exit 0 once all are in', async () => {
    dir = makeTempDir('import-cli');
    const file = join(dir.path, 'ok.ndjson');
    writeFileSync(file, [line('x', refer()), line('x', { type: 'RecordRelease', occurredOn: '2009-01-01' })].join('\n'));
    const env = { MAPPA_STORE: `sqlite:${join(dir.path, 'mappa.db')}`, MAPPA_DATA_DIR: dir.path };
    const failed = await runTs(MAPPA_CLI, ['import', file, '--actor', 'loader'], env);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain('line 2 (case x): not-in-custody:');
    expect(failed.stdout).toContain('2 lines: 1 accepted, 0 already imported, 1 failed');
    writeFileSync(file, line('x', refer()));
    const done = await runTs(MAPPA_CLI, ['import', file, '--actor', 'loader'], env);
    expect(done.code).toBe(0);
    expect(done.stdout).toContain('1 lines: 0 accepted, 1 already imported, 0 failed');
    const store = openSqliteEventStore(join(dir.path, 'mappa.db'));
    try {
      expect((await store.readStream(streams.case('x'))).map((e) => (e.metadata['actor'] as { id: string }).id)).toEqual(['loader']);
    } finally {
      await store.close();
    }
  });
});
