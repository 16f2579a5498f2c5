import { describe, expect, it } from 'vitest';
import { formatReplay, replayCase } from '../../src/infrastructure/cli/replay-command.js';
import { manualClock } from '../../src/infrastructure/clock.js';
import { caseCommandHandler } from '../../src/infrastructure/command-handler/handle-case-command.js';
import { openMemoryEventStore } from '../../src/infrastructure/eventstore/memory.js';
import { refer } from '../domain/case/support/builders.js';

const actor = { id: 'c-1', role: 'coordinator', agency: 'police' } as const;

describe('mappa replay shows retractions (docs/DOMAIN.md section 10)', () => {
  it('marks a retracted event with its retraction, and as known before the retraction shows it standing', async () => {
    const store = openMemoryEventStore();
    const clock = manualClock('2026-11-24T10:00:00.000Z');
    const handle = caseCommandHandler({ store, clock });
    await handle('r-1', refer(), { areas: '*', actor });
    clock.set('2026-11-24T11:00:00.000Z');
    const breach = await handle('r-1', { type: 'RecordNotificationBreach', occurredOn: '2009-01-01', disposal: 'caution' }, { areas: '*', actor });
    const breachId = breach.kind === 'accepted' ? breach.events[0]!.eventId : '';
    clock.set('2026-11-24T12:00:00.000Z');
    const retraction = await handle('r-1', { type: 'RetractEvents', eventIds: [breachId], reason: 'duplicate' }, { areas: '*', actor });
    const retractionId = retraction.kind === 'accepted' ? retraction.events[0]!.eventId : '';

    const now = await replayCase(store, clock, 'r-1', {});
    expect(now.history.map((e) => [e.type, e.retractedBy ?? null])).toEqual([['OffenderReferred', null], ['NotificationBreachRecorded', retractionId], ['EventsRetracted', null]]);
    expect(now.history[2]).not.toHaveProperty('occurredOn');
    const text = formatReplay(now, 'r-1');
    expect(text).toContain(`NotificationBreachRecorded${' '.repeat(10)} recorded 2026-11-24T11:00:00.000Z by c-1 (coordinator, police)  RETRACTED by ${retractionId} at 2026-11-24T12:00:00.000Z`);
    expect(text).toContain('(no date)');

    const before = await replayCase(store, clock, 'r-1', { knownAt: '2026-11-24T11:30:00Z' });
    expect(before.history.map((e) => [e.type, e.retractedBy ?? null])).toEqual([['OffenderReferred', null], ['NotificationBreachRecorded', null]]);
  });
});
