import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/infrastructure/clock.js';
import { caseCommandHandler } from '../../src/infrastructure/command-handler/handle-case-command.js';
import { type EventStore } from '../../src/infrastructure/eventstore/eventstore.js';
import { streams } from '../../src/infrastructure/eventstore/stream-names.js';
import { openMemoryEventStore } from '../../src/infrastructure/eventstore/memory.js';
import { importCommands } from '../../src/infrastructure/cli/import/import-lines.js';
import { ImportJournal } from '../../src/infrastructure/cli/import/journal.js';
import { refer } from '../domain/case/support/builders.js';
import { makeTempDir } from '../support/temp-dir.js';

const actor = { id: 'importer', role: 'coordinator', agency: 'other' } as const;
const line = (caseId: string, command: unknown) => JSON.stringify({ caseId, command });
const breach = { type: 'RecordNotificationBreach', occurredOn: '2009-03-01', disposal: 'caution' };

describe('Regression: a line inserted at the top of an import file made a re-run write NotificationBreachRecorded twice', () => {
  let dir: ReturnType<typeof makeTempDir> | undefined;
  afterEach(() => dir?.remove());

  const types = async (store: EventStore, caseId: string) => (await store.readStream(streams.case(caseId))).map((e) => e.type);

  it('keys come from what a line says and its occurrence within the file, not its number', async () => {
    dir = makeTempDir('import-moved');
    const file = join(dir.path, 'commands.ndjson');
    const store = openMemoryEventStore();
    const run = () =>
      importCommands({ file, handle: caseCommandHandler({ store, clock: manualClock('2026-11-24T10:00:00Z') }), actor, journal: ImportJournal.open(`${file}.journal`), concurrency: 4 });

    // Two breaches on one day are two facts: identical lines are told apart by their occurrence.
    writeFileSync(file, [line('b', refer()), line('b', breach), line('b', breach)].join('\n'));
    expect(await run()).toMatchObject({ accepted: 3, failures: [] });
    expect(await types(store, 'b')).toEqual(['OffenderReferred', 'NotificationBreachRecorded', 'NotificationBreachRecorded']);

    // A line inserted at the top, and the same lines written with their keys in another order.
    const reordered = JSON.stringify({ command: { disposal: 'caution', occurredOn: '2009-03-01', type: 'RecordNotificationBreach' }, caseId: 'b' });
    writeFileSync(file, [line('a', refer()), '', line('b', refer()), reordered, line('b', breach)].join('\n'));
    expect(await run()).toMatchObject({ lines: 4, accepted: 1, alreadyImported: 3, failures: [] });
    expect(await types(store, 'b')).toEqual(['OffenderReferred', 'NotificationBreachRecorded', 'NotificationBreachRecorded']);
    expect(await types(store, 'a')).toEqual(['OffenderReferred']);

    // A third identical line is a third breach.
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n${line('b', breach)}`);
    expect(await run()).toMatchObject({ accepted: 1, alreadyImported: 4 });
    expect((await types(store, 'b')).filter((t) => t === 'NotificationBreachRecorded')).toHaveLength(3);
  });

  it('a refused line moved elsewhere in the file is retried under its own count of refusals', async () => {
    dir = makeTempDir('import-moved');
    const file = join(dir.path, 'commands.ndjson');
    const store = openMemoryEventStore();
    const run = () =>
      importCommands({ file, handle: caseCommandHandler({ store, clock: manualClock('2026-11-24T10:00:00Z') }), actor, journal: ImportJournal.open(`${file}.journal`), concurrency: 1 });
    const release = line('c', { type: 'RecordRelease', occurredOn: '2009-02-01' });
    writeFileSync(file, [line('c', refer()), release].join('\n'));
    expect((await run()).failures.map((f) => f.code)).toEqual(['not-in-custody']);
    // The cause fixed by a line before it; the refused line has moved down by one.
    writeFileSync(file, [line('c', refer()), line('c', { type: 'RecordCustody', occurredOn: '2009-01-15', reason: 'remand' }), release].join('\n'));
    expect(await run()).toMatchObject({ accepted: 2, alreadyImported: 1, failures: [] });
    expect(await types(store, 'c')).toEqual(['OffenderReferred', 'TakenIntoCustody', 'ReleasedFromCustody']);
  });
});
