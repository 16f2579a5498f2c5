import { describe, expect, it } from 'vitest';
import type { CaseEvent } from '../../../src/domain/case/events.js';
import type { EventsRetracted } from '../../../src/domain/case/corrections.js';
import { standingTimeline } from '../../../src/domain/case/retraction.js';
import { caseFacts, type CaseFacts } from '../../../src/projections/annual-return/case-facts.js';
import { returnFromCaseFacts } from '../../../src/projections/annual-return/assemble-return.js';
import { revisionsOf, type RecordedCaseEntry, type SubmittedReturn } from '../../../src/projections/revisions/revisions.js';
import { ev, referred, rso, violent } from '../../domain/case/support/builders.js';

const SUBMITTED = '2009-06-01T10:00:00.000Z';
const LATER = '2009-07-01T10:00:00.000Z';

/** Entries of one case; each [event, recordedAt, command] in stream order. */
function recorded(...items: [CaseEvent | EventsRetracted, string, string][]): RecordedCaseEntry[] {
  return items.map(([event, recordedAt, causationId], position) => ({ eventId: `e${position}`, position, event, recordedAt, causationId }));
}

function revise(cases: Map<string, RecordedCaseEntry[]>, latePopulations = 0) {
  const at = { area: 'cumbria', reportingYear: '2008-09', format: '2008' as const };
  const factsOf = (keep: (e: RecordedCaseEntry) => boolean) =>
    [...cases.values()].map((entries) => caseFacts(standingTimeline(entries.filter(keep)))).filter((f): f is CaseFacts => f !== null);
  const then = returnFromCaseFacts(at, factsOf((e) => e.recordedAt <= SUBMITTED), {});
  const submission: SubmittedReturn = { ...at, submissionId: 's-1', knownAt: SUBMITTED, digest: 'd', cells: Object.fromEntries(then.rows.map((r) => [r.id, r.cells])) };
  return revisionsOf({ submission, cases, current: returnFromCaseFacts(at, factsOf(() => true), {}), latePopulations });
}

const none = { lateRecords: 0, retractions: 0, corrections: 0, backdated: 0 };

describe('revisions of a submitted return, figure by figure', () => {
  it('nothing recorded after the submission: no revision', () => {
    const r = revise(new Map([['c-1', recorded([referred({ occurredOn: '2006-05-01', basis: rso({ relevantDate: '2006-04-10' }) }), SUBMITTED, 'a'])]]));
    expect(r.changes).toEqual([]);
    expect(r.scale).toEqual({ cellsChanged: 0, absoluteDifference: 0 });
  });

  it('a command of two events counts once; a record dated after the year end moves nothing and is no cause', () => {
    const r = revise(new Map([['c-1', recorded(
      [referred({ occurredOn: '2006-05-01', basis: rso({ relevantDate: '2006-04-10' }) }), SUBMITTED, 'a'],
      [ev('MappMeetingRecorded', '2008-10-01', { meetingId: 'm-1', level: 2, kind: 'initial', agencies: ['police'] }), LATER, 'b'],
      [ev('ManagementLevelChanged', '2008-10-01', { level: 2, meetingId: 'm-1' }), LATER, 'b'],
      [ev('LeadAgencyChanged', '2009-05-01', { leadAgency: 'probation' }), LATER, 'c'],
    )]]));
    expect(r.changes.map((c) => [c.rowId, c.cell, c.submitted, c.current, c.causes])).toEqual([
      ['R02', 'cat1', 0, 1, { ...none, lateRecords: 1 }],
      ['R02', 'total', 0, 1, { ...none, lateRecords: 1 }],
    ]);
    expect(r.causes).toEqual({ ...none, lateRecords: 1 });
  });

  it('a backdated command and a late record on two cases that cancel in a total: the total is no revision, each category is', () => {
    const r = revise(new Map([
      ['c-1', recorded(
        [referred({ occurredOn: '2006-05-01', basis: rso({ relevantDate: '2006-04-10' }) }), SUBMITTED, 'a'],
        [ev('LeadAgencyChanged', '2009-03-01', { leadAgency: 'probation' }), SUBMITTED, 'b'],
        [ev('TakenIntoCustody', '2009-01-15', { reason: 'remand' }), LATER, 'c'],
      )],
      ['c-2', recorded([referred({ occurredOn: '2009-01-10', basis: violent({ startDate: '2009-01-02' }) }), LATER, 'd'])],
    ]));
    expect(r.changes.map((c) => [c.rowId, c.cell, c.submitted, c.current, c.causes, c.caseIds])).toEqual([
      ['R01', 'cat1', 1, 0, { ...none, backdated: 1 }, ['c-1']],
      ['R01', 'cat2', 0, 1, { ...none, lateRecords: 1 }, ['c-2']],
      ['R08', 'North BCU', 1, null, { ...none, backdated: 1 }, ['c-1']], // the unit emptied: absent now
    ]);
    expect(r.scale).toEqual({ cellsChanged: 3, absoluteDifference: 3 });
    expect(r.causes).toEqual({ ...none, lateRecords: 1, backdated: 1 });
  });

  it('the rate per 100,000 takes the causes of the count it is computed from, and a population recorded since as a late record', () => {
    const cases = new Map([['c-1', recorded([referred({ occurredOn: '2009-01-10', basis: rso({ relevantDate: '2009-01-02' }) }), LATER, 'a'])]]);
    const at = { area: 'cumbria', reportingYear: '2008-09', format: '2008' as const };
    const then = returnFromCaseFacts(at, [], { cumbria: 100_000 });
    const current = returnFromCaseFacts(at, [caseFacts(standingTimeline(cases.get('c-1')!))!], { cumbria: 100_000 });
    const submission: SubmittedReturn = { ...at, submissionId: 's', knownAt: SUBMITTED, digest: 'd', cells: Object.fromEntries(then.rows.map((row) => [row.id, row.cells])) };
    const r = revisionsOf({ submission, cases, current, latePopulations: 1 });
    expect(r.changes.find((c) => c.rowId === 'R09')).toEqual({ rowId: 'R09', cell: 'rate', submitted: 0, current: 1, causes: { ...none, lateRecords: 2 }, caseIds: ['c-1'] });
  });

  it('a referral retracted after the submission is one retraction; retracted and recorded again in one command, one correction', () => {
    const referral = referred({ occurredOn: '2006-05-01', basis: rso({ relevantDate: '2006-04-10' }) });
    const retracted = revise(new Map([['c-1', recorded([referral, SUBMITTED, 'a'], [{ type: 'EventsRetracted', eventIds: ['e0'], reason: 'wrong-case' }, LATER, 'b'])]]));
    expect(retracted.changes.length).toBeGreaterThan(0);
    for (const change of retracted.changes) expect(change.causes).toEqual({ ...none, retractions: 1 });
    const corrected = revise(new Map([['c-1', recorded(
      [referral, SUBMITTED, 'a'],
      [ev('NotificationBreachRecorded', '2008-11-01', { disposal: 'conviction' }), SUBMITTED, 'b'],
      [{ type: 'EventsRetracted', eventIds: ['e1'], reason: 'recorded-in-error' }, LATER, 'c'],
      [ev('NotificationBreachRecorded', '2009-05-01', { disposal: 'conviction' }), LATER, 'c'],
    )]]));
    expect(corrected.changes.length).toBeGreaterThan(0);
    for (const change of corrected.changes) expect(change.causes).toEqual({ ...none, corrections: 1 });
  });
});
