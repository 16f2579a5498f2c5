import { afterEach, describe, expect, it } from 'vitest';
import type { CaseCommand } from '../../../src/domain/case/commands.js';
import { manualClock } from '../../../src/infrastructure/clock.js';
import { caseCommandHandler } from '../../../src/infrastructure/command-handler/handle-case-command.js';
import { streams } from '../../../src/infrastructure/eventstore/stream-names.js';
import { refer } from '../../domain/case/support/builders.js';
import { ADAPTERS, type ReopenableStore } from './stores.js';

const coordinator = { id: 'coord-1', role: 'coordinator', agency: 'probation' } as const;
const localUnit = (unit: string, on = '2009-01-01'): CaseCommand => ({ type: 'ChangeLocalUnit', occurredOn: on, localUnit: unit });

describe.each(ADAPTERS)('the command handler on %s', (_name, open) => {
  let opened: ReopenableStore;
  afterEach(async () => opened?.dispose());

  const setup = () => {
    opened = open();
    const clock = manualClock('2026-11-24T10:00:00.000Z');
    const handle = caseCommandHandler({ store: opened.store, clock });
    return { clock, handle, store: opened.store };
  };

  it('appends the decided events with their metadata and answers with the new version', async () => {
    const { handle, store } = setup();
    const result = await handle('case-1', refer(), { areas: '*', actor: coordinator, correlationId: 'req-1' });
    expect(result).toMatchObject({ kind: 'accepted', caseId: 'case-1', version: 0, replayed: false });
    const [stored] = await store.readStream(streams.case('case-1'));
    expect(stored).toMatchObject({
      type: 'OffenderReferred',
      streamPosition: 0,
      metadata: { schemaVersion: 3, recordedAt: '2026-11-24T10:00:00.000Z', actor: coordinator, correlationId: 'req-1' },
    });
    // The subject goes to the log sealed (docs/DOMAIN.md section 13).
    expect(stored!.data['subject']).toEqual({ sealed: expect.stringMatching(/^a1\./) });
    expect(result.kind === 'accepted' && result.events).toEqual([
      { eventId: stored!.eventId, type: 'OffenderReferred', occurredOn: '2008-05-01', recordedAt: '2026-11-24T10:00:00.000Z' },
    ]);
    expect(stored!.data).not.toHaveProperty('type');
  });

  it('returns a refusal and writes nothing', async () => {
    const { handle, store } = setup();
    await handle('case-1', refer(), { areas: '*', actor: coordinator });
    const result = await handle('case-1', { type: 'RecordRelease', occurredOn: '2009-01-01' }, { areas: '*', actor: coordinator });
    expect(result).toMatchObject({ kind: 'refused', code: 'not-in-custody' });
    expect(await store.streamVersion(streams.case('case-1'))).toBe(0);
    expect(await handle('nope', localUnit('x'), { areas: '*', actor: coordinator })).toMatchObject({ kind: 'refused', code: 'case-not-found' });
  });

  it('accepts a command that changes nothing with no event and the current version', async () => {
    const { handle } = setup();
    await handle('case-1', refer(), { areas: '*', actor: coordinator });
    expect(await handle('case-1', { type: 'SetManagementLevel', occurredOn: '2009-01-01', level: 1 }, { areas: '*', actor: coordinator })).toEqual({
      kind: 'accepted', caseId: 'case-1', version: 0, events: [], replayed: false,
    });
  });

  it('decides "today" in Europe/London: 00:30 BST on 1 July is already 1 July', async () => {
    const { handle, clock } = setup();
    clock.set('2026-06-30T23:30:00.000Z');
    expect(await handle('case-1', refer({ occurredOn: '2026-07-01' }), { areas: '*', actor: coordinator })).toMatchObject({ kind: 'accepted' });
    clock.set('2026-01-31T23:30:00.000Z');
    expect(await handle('case-2', refer({ occurredOn: '2026-02-01' }), { areas: '*', actor: coordinator })).toMatchObject({ kind: 'refused', code: 'occurred-in-future' });
  });

  it('with If-Match appends only at that version', async () => {
    const { handle } = setup();
    await handle('case-1', refer(), { areas: '*', actor: coordinator });
    expect(await handle('case-1', localUnit('A'), { areas: '*', actor: coordinator, expectedVersion: 3 })).toEqual({ kind: 'version-mismatch', expected: 3, actual: 0, replayed: false });
    expect(await handle('case-1', localUnit('A'), { areas: '*', actor: coordinator, expectedVersion: 0 })).toMatchObject({ kind: 'accepted', version: 1 });
    expect(await handle('case-2', refer(), { areas: '*', actor: coordinator, expectedVersion: -1 })).toMatchObject({ kind: 'accepted', version: 0 });
  });

  it('never stamps an event earlier than the stream already holds when the clock moves back (C1)', async () => {
    const { handle, clock, store } = setup();
    await handle('case-1', refer(), { areas: '*', actor: coordinator });
    clock.advance(-3_600_000);
    await handle('case-1', localUnit('A'), { areas: '*', actor: coordinator });
    const events = await store.readStream(streams.case('case-1'));
    expect(events.map((e) => e.metadata['recordedAt'])).toEqual(['2026-11-24T10:00:00.000Z', '2026-11-24T10:00:00.000Z']);
    expect(events.map((e) => e.streamPosition)).toEqual([0, 1]);
  });
});
