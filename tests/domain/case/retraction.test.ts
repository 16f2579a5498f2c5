import { describe, expect, it } from 'vitest';
import type { CaseEvent } from '../../../src/domain/case/events.js';
import type { CorrectEvents, EventsRetracted } from '../../../src/domain/case/corrections.js';
import type { CaseCommand } from '../../../src/domain/case/commands.js';
import { decideCorrection, decideRetraction, retractionsOf, standingTimeline, type RecordedEvent } from '../../../src/domain/case/retraction.js';
import { latestCase } from '../../../src/domain/case/timeline.js';
import { cmd, ev, referred } from './support/builders.js';
import { TODAY } from './support/given-when-then.js';

/** Commands in recording order, each a list of events: ids e0, e1..., causation c0, c1..., recorded a minute apart. */
function recorded(...commands: (CaseEvent | EventsRetracted)[][]): RecordedEvent[] {
  let position = 0;
  return commands.flatMap((events, c) =>
    events.map((event) => {
      const p = position++;
      return { eventId: `e${p}`, position: p, causationId: `c${c}`, recordedAt: `2024-01-01T00:${String(p).padStart(2, '0')}:00.000Z`, event };
    }),
  );
}

const breach = ev('NotificationBreachRecorded', '2009-01-05', { disposal: 'conviction' });
const meetingAtLevel2 = [
  ev('MappMeetingRecorded', '2008-07-01', { meetingId: 'm1', level: 2, kind: 'initial', agencies: ['police'] }),
  ev('ManagementLevelChanged', '2008-07-01', { level: 2, meetingId: 'm1' }),
];
/** The builders give any command; a replacement is never a referral. */
const replacing = (c: CaseCommand) => c as CorrectEvents['replacement'];
const retract = (...eventIds: string[]) => ({ eventIds, reason: 'recorded-in-error' as const });

describe('a retraction', () => {
  it('takes its events out of the standing timeline, while the timeline as known before it still holds them', () => {
    const before = recorded([referred()], [breach]);
    const decision = decideRetraction(retract('e1'), before);
    expect(decision).toEqual({ ok: true, value: { type: 'EventsRetracted', eventIds: ['e1'], reason: 'recorded-in-error' } });
    const after = recorded([referred()], [breach], [decision.ok ? decision.value : breach]).map((r) => (r.position === 2 ? { ...r, eventId: 'r2' } : r));
    expect(standingTimeline(after).map((e) => e.event.type)).toEqual(['OffenderReferred']);
    expect(standingTimeline(after, '2024-01-01T00:01:30.000Z').map((e) => e.event.type)).toEqual(['OffenderReferred', 'NotificationBreachRecorded']);
    expect(retractionsOf(after).get('e1')).toEqual({ by: 'r2', at: '2024-01-01T00:02:00.000Z' });
  });

  it('takes every event of the same command with the one named', () => {
    const decision = decideRetraction(retract('e2'), recorded([referred()], meetingAtLevel2));
    expect(decision.ok && decision.value.eventIds).toEqual(['e1', 'e2']);
  });

  it('is refused for an event not in the case, a retraction, or an event already retracted', () => {
    const first = recorded([referred()], [breach]);
    expect(decideRetraction(retract('elsewhere'), first)).toMatchObject({ ok: false, error: { code: 'event-not-found' } });
    const retracted = recorded([referred()], [breach], [{ type: 'EventsRetracted', eventIds: ['e1'], reason: 'duplicate' }]);
    expect(decideRetraction(retract('e1'), retracted)).toMatchObject({ ok: false, error: { code: 'event-already-retracted' } });
    expect(decideRetraction(retract('e2'), retracted)).toMatchObject({ ok: false, error: { code: 'cannot-retract-a-retraction' } });
  });

  it('takes the referral only with every other event of the case', () => {
    const history = recorded([referred()], [breach]);
    expect(decideRetraction(retract('e0'), history)).toMatchObject({ ok: false, error: { code: 'referral-has-later-events' } });
    const whole = decideRetraction(retract('e0', 'e1'), history);
    expect(whole.ok && whole.value.eventIds).toEqual(['e0', 'e1']);
  });

  it('is refused when a later fact would no longer hold, naming that fact', () => {
    const history = recorded(
      [referred()],
      [ev('TakenIntoCustody', '2008-09-01', { reason: 'remand' })],
      [ev('ReleasedFromCustody', '2008-10-01', {})],
    );
    expect(decideRetraction(retract('e1'), history)).toMatchObject({
      ok: false,
      error: { code: 'not-in-custody', laterFact: { type: 'ReleasedFromCustody', occurredOn: '2008-10-01', position: 2 } },
    });
    // Both together leave a valid timeline.
    expect(decideRetraction(retract('e1', 'e2'), history).ok).toBe(true);
  });
});

describe('a correction', () => {
  it('retracts and records the replacement decided on the corrected timeline, both or neither', () => {
    const history = recorded([referred()], [breach]);
    const correction = decideCorrection(
      { type: 'CorrectEvents', ...retract('e1'), replacement: replacing(cmd('RecordNotificationBreach', '2009-01-05', { disposal: 'caution' })) },
      history,
      TODAY,
    );
    expect(correction).toEqual({
      ok: true,
      value: {
        retraction: { type: 'EventsRetracted', eventIds: ['e1'], reason: 'recorded-in-error' },
        replacement: [ev('NotificationBreachRecorded', '2009-01-05', { disposal: 'caution' })],
      },
    });
    const refused = decideCorrection(
      { type: 'CorrectEvents', ...retract('e1'), replacement: replacing(cmd('RecordRelease', '2009-01-05', {})) },
      history,
      TODAY,
    );
    expect(refused).toMatchObject({ ok: false, error: { code: 'not-in-custody' } });
  });

  it('replaces a level with the one the meeting really set', () => {
    const history = recorded([referred()], meetingAtLevel2);
    const correction = decideCorrection(
      { type: 'CorrectEvents', ...retract('e1'), replacement: replacing(cmd('RecordMappMeeting', '2008-07-01', { meetingId: 'm1', level: 3, kind: 'initial', agencies: ['police'] })) },
      history,
      TODAY,
    );
    expect(correction.ok && correction.value.retraction.eventIds).toEqual(['e1', 'e2']);
    expect(correction.ok && correction.value.replacement.map((e) => e.type)).toEqual(['MappMeetingRecorded', 'ManagementLevelChanged']);
    const standing = [...history, { eventId: 'r', position: 3, event: correction.ok ? correction.value.retraction : breach }];
    expect(latestCase(standingTimeline(standing))?.level).toBe(1);
  });
});
