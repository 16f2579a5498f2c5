import { describe, expect, it } from 'vitest';
import { inStateOf, timelinePoints, type HistoryEvent } from '../../../web/src/model/timeline-points.js';

const event = (position: number, occurredOn: string, recordedAt: string, extra: Partial<HistoryEvent> = {}): HistoryEvent => ({
  eventId: `e${position}`, position, type: `Event${position}`, schemaVersion: 1, occurredOn, recordedAt,
  actor: { id: 'c', role: 'coordinator', agency: 'police' }, correlationId: 'x', causationId: 'x', data: {}, ...extra,
});

describe('events on the two time axes', () => {
  const history = [
    event(0, '2008-05-01', '2008-05-01T15:00:00.000Z'),
    event(1, '2008-06-01', '2008-06-20T15:00:00.000Z'), // 19 days late
    event(2, '2008-05-15', '2008-06-21T15:00:00.000Z'), // dated before event 1, recorded after it: backdated (and late)
    event(3, '2008-07-01', '2008-07-08T22:30:00.000Z', { retractedBy: 'e4', retractedAt: '2008-08-01T10:00:00.000Z' }), // 23:30 in London: 7 days, not late
  ];
  const points = timelinePoints(history);

  it('orders by business date, ties by position, and marks late, backdated and retracted records', () => {
    expect(points.map((p) => [p.event.eventId, p.order, p.lagDays, p.kind])).toEqual([
      ['e0', 1, 0, 'on-time'],
      ['e2', 2, 37, 'backdated'],
      ['e1', 3, 19, 'late'],
      ['e3', 4, 7, 'retracted'],
    ]);
    expect(points.find((p) => p.event.eventId === 'e2')).toMatchObject({ late: true, backdated: true });
  });

  it('a record made in the evening counts by its London day (British Summer Time moves it)', () => {
    expect(points.find((p) => p.event.eventId === 'e3')?.recordedOn).toBe('2008-07-08');
    expect(timelinePoints([event(0, '2008-07-08', '2008-07-08T23:30:00.000Z')])[0]?.recordedOn).toBe('2008-07-09');
  });

  it('the state on a day as known at an instant is folded from the events dated and recorded by then, less those retracted by then', () => {
    const included = (asOf: string, knownAt: string | null) => points.filter((p) => inStateOf(p, asOf, knownAt)).map((p) => p.event.eventId);
    expect(included('2008-12-31', null)).toEqual(['e0', 'e2', 'e1']);
    expect(included('2008-12-31', '2008-07-15T00:00:00.000Z')).toEqual(['e0', 'e2', 'e1', 'e3']);
    expect(included('2008-12-31', '2008-06-20T16:00:00.000Z')).toEqual(['e0', 'e1']);
    expect(included('2008-05-20', null)).toEqual(['e0', 'e2']);
  });

  it('a retraction, dated by no business day, comes after the dated events and is never part of a state; what it retracted is struck from it', () => {
    // The shape corrections will give (docs/DOMAIN.md section 10): an EventsRetracted with no occurredOn, the retracted event marked.
    const retraction = event(5, '', '2008-08-01T10:00:00.000Z', { type: 'EventsRetracted', occurredOn: null, data: { eventIds: ['e3'], reason: 'recorded-in-error' } });
    const withRetraction = timelinePoints([...history, retraction]);
    expect(withRetraction.map((p) => [p.event.eventId, p.kind, p.lagDays])).toEqual([
      ['e0', 'on-time', 0], ['e2', 'backdated', 37], ['e1', 'late', 19], ['e3', 'retracted', 7], ['e5', 'undated', null],
    ]);
    const last = withRetraction[withRetraction.length - 1]!;
    expect([inStateOf(last, '2099-01-01', null), inStateOf(last, '2099-01-01', '2099-01-01T00:00:00.000Z')]).toEqual([false, false]);
  });
});
