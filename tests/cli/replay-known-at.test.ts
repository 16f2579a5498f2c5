import { describe, expect, it } from 'vitest';
import { formatReplay, replayCase } from '../../src/infrastructure/cli/replay-command.js';
import { manualClock } from '../../src/infrastructure/clock.js';
import { caseCommandHandler } from '../../src/infrastructure/command-handler/handle-case-command.js';
import { openMemoryEventStore } from '../../src/infrastructure/eventstore/memory.js';
import { refer } from '../domain/case/support/builders.js';

const actor = { id: 'c-1', role: 'coordinator', agency: 'police' } as const;

describe('Regression: replay --known-at listed events recorded after T, and replay never showed what an event contained', () => {
  async function caseRecordedTwice() {
    const store = openMemoryEventStore();
    const clock = manualClock('2026-11-24T10:00:00.000Z');
    const handle = caseCommandHandler({ store, clock });
    await handle('r-1', refer(), { areas: '*', actor });
    clock.set('2026-11-24T11:00:00.000Z');
    await handle('r-1', { type: 'RecordCustody', occurredOn: '2009-01-01', reason: 'sentence' }, { areas: '*', actor });
    clock.set('2026-11-24T12:00:00.000Z');
    await handle('r-1', { type: 'RecordRelease', occurredOn: '2009-06-01', licenceEnds: '2010-06-01' }, { areas: '*', actor });
    return { store, clock };
  }

  it('--known-at T: only the events recorded by T, each with its data', async () => {
    const { store, clock } = await caseRecordedTwice();
    const replay = await replayCase(store, clock, 'r-1', { knownAt: '2026-11-24T11:30:00+00:00' });
    expect(replay.knownAt).toBe('2026-11-24T11:30:00.000Z');
    expect(replay.history.map((e) => [e.position, e.type, e.recordedAt])).toEqual([
      [0, 'OffenderReferred', '2026-11-24T10:00:00.000Z'],
      [1, 'TakenIntoCustody', '2026-11-24T11:00:00.000Z'],
    ]);
    expect(replay.history[1]!.data).toEqual({ occurredOn: '2009-01-01', reason: 'sentence' });
    expect(replay.state).toMatchObject({ version: 1, custody: { inCustody: true } });
    const text = formatReplay(replay, 'r-1');
    expect(text).toContain('as known at 2026-11-24T11:30:00.000Z: 2 events recorded by then');
    expect(text).toContain('    {"occurredOn":"2009-01-01","reason":"sentence"}');
    expect(text).not.toContain('ReleasedFromCustody');
  });

  it('without --known-at: every event, each with what it recorded', async () => {
    const { store, clock } = await caseRecordedTwice();
    const replay = await replayCase(store, clock, 'r-1', {});
    expect(replay.history.map((e) => e.type)).toEqual(['OffenderReferred', 'TakenIntoCustody', 'ReleasedFromCustody']);
    expect(replay.history[0]!.data).toMatchObject({ area: 'cumbria', basis: { kind: 'registered-sexual-offender' } });
    expect(replay.history[2]).toMatchObject({ schemaVersion: 1, data: { occurredOn: '2009-06-01', licenceEnds: '2010-06-01' }, eventId: expect.any(String) });
    expect(formatReplay(replay, 'r-1')).toContain('    {"occurredOn":"2009-06-01","licenceEnds":"2010-06-01"}');
  });
});
