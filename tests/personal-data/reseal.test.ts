import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { replayCase } from '../../src/infrastructure/cli/replay-command.js';
import { manualClock } from '../../src/infrastructure/clock.js';
import type { EventStore, StoredEvent } from '../../src/infrastructure/eventstore/eventstore.js';
import { openMemoryEventStore } from '../../src/infrastructure/eventstore/memory.js';
import { openSqliteEventStore } from '../../src/infrastructure/eventstore/sqlite/index.js';
import { streams } from '../../src/infrastructure/eventstore/stream-names.js';
import { SealedPersonalData } from '../../src/infrastructure/personal-data/personal-data.js';
import { reseal, TargetNotEmptyError } from '../../src/infrastructure/personal-data/reseal.js';
import { SubjectKeysInMemory } from '../../src/infrastructure/personal-data/subject-keys.js';
import { SubjectKeysSqlite } from '../../src/infrastructure/personal-data/subject-keys-sqlite.js';
import { MAPPA_CLI, runTs } from '../support/run-process.js';
import { makeTempDir } from '../support/temp-dir.js';

const FIXTURES = join(import.meta.dirname, '../fixtures/events');
const fixture = (family: string, file: string) => JSON.parse(readFileSync(join(FIXTURES, family, file), 'utf8')) as { type: string; schemaVersion: number; data: Record<string, unknown> };
const YOUNG = { ref: 'OLD-CLEAR-0001', dateOfBirth: '1992-03-15' };
const metadata = (schemaVersion: number, i: number) => ({
  schemaVersion, recordedAt: `2020-01-0${1 + Math.min(i, 8)}T12:00:00.000Z`, actor: { id: 'old-engine', role: 'coordinator', agency: 'police' }, correlationId: `c-${i}`, causationId: `c-${i}`,
});
const uuid = (n: number) => `0193a4b2-7c1e-7d3a-9f10-${String(n).padStart(12, '0')}`;

/** A log as the engine wrote it before sealing: the stored forms of schema versions 1 and 2, subjects and notes in clear. */
async function oldLog(store: EventStore): Promise<void> {
  const rso = (basisId: string, relevantDate: string) => ({ kind: 'registered-sexual-offender', basisId, relevantDate, disposal: 'custody', custodialMonths: 12 });
  await store.appendToStream(streams.case('old-1'), [
    { eventId: uuid(1), type: 'OffenderReferred', data: { occurredOn: '2008-05-01', area: 'cumbria', localUnit: 'North BCU', leadAgency: 'police', subject: YOUNG, basis: rso('rso-1', '2008-01-10'), level: 1, inCustody: false }, metadata: metadata(1, 1) },
  ]);
  await store.appendToStream(streams.case('old-1'), [
    { eventId: uuid(2), type: 'EligibilityBasisAdded', data: { occurredOn: '2009-02-01', basis: rso('rso-2', '2009-01-20') }, metadata: metadata(1, 2) },
  ], { expectedVersion: 0 });
  await store.appendToStream(streams.case('old-1'), [
    { eventId: uuid(3), type: 'TakenIntoCustody', data: { occurredOn: '2009-03-01', reason: 'remand' }, metadata: metadata(1, 3) },
  ], { expectedVersion: 1 });
  await store.appendToStream(streams.case('old-1'), [
    { eventId: uuid(4), type: 'EventsRetracted', data: { eventIds: [uuid(3)], reason: 'recorded-in-error', note: 'OLD CLEAR NOTE about OLD-CLEAR-0001' }, metadata: metadata(1, 4) },
  ], { expectedVersion: 2 });
  const terrorism = fixture('case', 'OffenderReferred.v2.json');
  await store.appendToStream(streams.case('old-2'), [{ eventId: uuid(5), type: terrorism.type, data: terrorism.data, metadata: metadata(2, 5) }]);
  const submitted = fixture('returns', 'ReturnSubmitted.v1.json');
  await store.appendToStream(streams.returns('cumbria'), [{ eventId: uuid(6), type: submitted.type, data: submitted.data, metadata: metadata(1, 6) }]);
}

const eventsOf = async (store: EventStore): Promise<StoredEvent[]> => {
  const all: StoredEvent[] = [];
  for await (const e of store.readAll({ streamPrefixes: [streams.casePrefix, streams.returnsPrefix] })) all.push(e);
  return all;
};

/** The bases' terms without the flag the migration adds: everything else of the case must be the same. */
const withoutFlags = (state: unknown) => JSON.parse(JSON.stringify(state, (key, value: unknown) => (key === 'under18AtRelevantDate' ? undefined : value)));

describe('an older log: read through the upcasters, and resealed into a new store (docs/DOMAIN.md section 13)', () => {
  let dir: ReturnType<typeof makeTempDir> | undefined;
  afterEach(() => dir?.remove());
  const clock = manualClock('2026-11-24T10:00:00.000Z');

  it('the clear forms of versions 1 and 2 still read and fold; resealed, the case folds the same, its personal fields sealed and its bases flagged', async () => {
    const old = openMemoryEventStore();
    await oldLog(old);
    const before = await eventsOf(old);
    const asRead = await replayCase(old, clock, 'old-1', { asOf: '2010-01-01' });
    // The fold read the clear date of birth: 12 months' custody at 15 is five years' notification, not ten.
    expect(asRead.state?.subject).toEqual(YOUNG);
    expect(asRead.state?.bases.map((b) => [b.basisId, b.lastDay])).toEqual([['rso-1', '2013-01-09'], ['rso-2', '2014-01-19']]);
    expect(asRead.history.find((e) => e.type === 'EventsRetracted')?.data['note']).toBe('OLD CLEAR NOTE about OLD-CLEAR-0001');

    const keys = new SubjectKeysInMemory();
    const resealed = openMemoryEventStore();
    // Six events of the old log, and the access record of the read above; four personal fields (two subjects, two notes).
    expect(await reseal(old, resealed, keys)).toEqual({ events: 7, sealed: 4, flagged: 2 });

    const after = await eventsOf(resealed);
    expect(after.map((e) => [e.streamName, e.streamPosition, e.eventId, e.type])).toEqual(before.map((e) => [e.streamName, e.streamPosition, e.eventId, e.type]));
    expect(await eventsOf(old)).toEqual(before);
    const [referral, added, custody, retraction, terrorism, submission] = after;
    expect(referral!.metadata['schemaVersion']).toBe(3);
    expect(referral!.data['subject']).toEqual({ sealed: expect.stringMatching(/^a1\./) });
    expect(referral!.data['basis']).toMatchObject({ under18AtRelevantDate: true });
    expect(added!.data['basis']).toMatchObject({ under18AtRelevantDate: true });
    expect(custody!.data).toEqual(before[2]!.data);
    expect(retraction!.metadata['schemaVersion']).toBe(2);
    expect(retraction!.data['note']).toEqual({ sealed: expect.stringMatching(/^a1\./) });
    // The terrorism referral's subject is sealed too; its basis needs no flag.
    expect(terrorism!.data['subject']).toEqual({ sealed: expect.stringMatching(/^a1\./) });
    expect(submission!.metadata['schemaVersion']).toBe(2);
    expect(JSON.stringify(after.map((e) => e.data))).not.toMatch(/OLD-CLEAR-0001|1992-03-15|FIXTURE-0001|OLD CLEAR NOTE|as sent to the Ministry/);

    const personal = new SealedPersonalData(keys);
    const asResealed = await replayCase(resealed, clock, 'old-1', { asOf: '2010-01-01' }, personal);
    expect(withoutFlags(asResealed.state)).toEqual(withoutFlags(asRead.state));
    expect(asResealed.history.find((e) => e.type === 'EventsRetracted')?.data['note']).toBe('OLD CLEAR NOTE about OLD-CLEAR-0001');
    expect((await replayCase(resealed, clock, 'old-2', {}, personal)).state?.subject).toEqual({ ref: 'FIXTURE-0001', dateOfBirth: '1970-03-15' });

    await expect(reseal(old, resealed, keys)).rejects.toBeInstanceOf(TargetNotEmptyError);
  });

  it('mappa reseal --from --to on the command line, keys in MAPPA_KEY_STORE; a second run into the same target is refused', async () => {
    dir = makeTempDir('reseal');
    const fromPath = join(dir.path, 'old.db');
    const toPath = join(dir.path, 'new.db');
    const keysPath = join(dir.path, 'keys.db');
    const old = openSqliteEventStore(fromPath);
    await oldLog(old);
    await old.close();
    const env = { MAPPA_DATA_DIR: dir.path, MAPPA_STORE: `sqlite:${toPath}`, MAPPA_KEY_STORE: `sqlite:${keysPath}` };
    const run = await runTs(MAPPA_CLI, ['reseal', '--from', `sqlite:${fromPath}`, '--to', `sqlite:${toPath}`], env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('copied 6 events');
    const again = await runTs(MAPPA_CLI, ['reseal', '--from', `sqlite:${fromPath}`, '--to', `sqlite:${toPath}`], env);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('--to: the target store already holds events');

    const resealed = openSqliteEventStore(toPath);
    const keys = new SubjectKeysSqlite(keysPath);
    try {
      const state = (await replayCase(resealed, clock, 'old-1', { asOf: '2010-01-01' }, new SealedPersonalData(keys))).state;
      expect(state?.subject).toEqual(YOUNG);
      expect(state?.bases.map((b) => b.lastDay)).toEqual(['2013-01-09', '2014-01-19']);
    } finally {
      await resealed.close();
      await keys.close();
    }
  });
});
