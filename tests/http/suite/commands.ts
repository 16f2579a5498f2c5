import { describe, expect, it } from 'vitest';
import { streams } from '../../../src/infrastructure/eventstore/stream-names.js';
import { refer, rso } from '../../domain/case/support/builders.js';
import { allEvents, isProblem, json, principal } from '../support/api.js';
import type { ApiUnderTest } from './fixture.js';

const coordinator = principal('coordinator');

/** POST /cases/{caseId}/commands: the success answers of docs/DOMAIN.md section 5. */
export function describeCommands(subject: ApiUnderTest): void {
  describe('POST /cases/{caseId}/commands', () => {
    it("201 with the new version, the events and ETag; the events carry the server's request id as correlation id, the client's apart", async () => {
      const response = await subject.api.as(coordinator).command('case-1', refer(), { 'x-request-id': 'req-201' });
      expect(response.statusCode).toBe(201);
      expect(response.headers['etag']).toBe('"0"');
      const requestId = String(response.headers['x-request-id']);
      expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
      const [stored] = await subject.api.store.readStream(streams.case('case-1'));
      expect(json(response)).toEqual({
        caseId: 'case-1',
        version: 0,
        events: [{ eventId: stored!.eventId, type: 'OffenderReferred', occurredOn: '2008-05-01', recordedAt: '2026-11-24T10:00:00.000Z' }],
      });
      expect(stored!.metadata).toMatchObject({ correlationId: requestId, clientRequestId: 'req-201', actor: { id: 'coordinator-1', role: 'coordinator', agency: 'probation' } });
    });

    it('201 with every event of a command that produces two (a MAPP meeting that changes the level)', async () => {
      const as = subject.api.as(coordinator);
      await as.command('case-1', refer());
      const response = await as.command('case-1', { type: 'RecordMappMeeting', occurredOn: '2009-01-05', meetingId: 'm-1', level: 2, kind: 'initial', agencies: ['police', 'probation'] });
      expect(response.statusCode).toBe(201);
      expect(response.headers['etag']).toBe('"2"');
      expect((json(response)['events'] as { type: string }[]).map((e) => e.type)).toEqual(['MappMeetingRecorded', 'ManagementLevelChanged']);
    });

    it('200 with no events and the current version when the command changes nothing', async () => {
      const as = subject.api.as(coordinator);
      await as.command('case-1', refer());
      const response = await as.command('case-1', { type: 'SetManagementLevel', occurredOn: '2009-01-01', level: 1 });
      expect(response.statusCode).toBe(200);
      expect(response.headers['etag']).toBe('"0"');
      expect(json(response)).toEqual({ caseId: 'case-1', version: 0, events: [] });
    });

    it('If-Match with the current version appends; "-1" creates only a new case', async () => {
      const as = subject.api.as(coordinator);
      expect((await as.command('case-1', refer(), { 'if-match': '"-1"' })).statusCode).toBe(201);
      const next = await as.command('case-1', { type: 'ChangeLocalUnit', occurredOn: '2009-01-01', localUnit: 'South' }, { 'if-match': '"0"' });
      expect(next.statusCode).toBe(201);
      expect(next.headers['etag']).toBe('"1"');
    });

    it('a backdated command that contradicts a later fact is 422 with laterFact', async () => {
      const as = subject.api.as(coordinator);
      await as.command('case-1', refer());
      await as.command('case-1', { type: 'RecordCustody', occurredOn: '2009-01-01', reason: 'sentence' });
      // Released on 2009-02-01, then a custody dated 2008-12-01 would make the later custody impossible.
      await as.command('case-1', { type: 'RecordRelease', occurredOn: '2009-02-01' });
      const response = await as.command('case-1', { type: 'RecordCustody', occurredOn: '2008-12-01', reason: 'remand' });
      expect(response.statusCode).toBe(422);
      expect(isProblem(response)).toBe(true);
      expect(json(response)).toMatchObject({ status: 422, code: 'already-in-custody', laterFact: { type: 'TakenIntoCustody', occurredOn: '2009-01-01', position: 1 } });
    });

    it('a category-3 referral at level 1 is 422 with the rule code, and nothing is written', async () => {
      const response = await subject.api.as(coordinator).command('case-1', refer({ basis: { kind: 'other-dangerous-offender', basisId: 'o-1', startDate: '2008-01-10' } }));
      expect(response.statusCode).toBe(422);
      expect(json(response)).toMatchObject({ type: 'urn:mappa:problem:category-3-requires-level-2-or-3', code: 'category-3-requires-level-2-or-3', title: expect.any(String), detail: expect.any(String) });
      expect(await allEvents(subject.api.store)).toHaveLength(0);
    });

    it('a referral with a notification period given explicitly is accepted (the basis terms are the wire format)', async () => {
      const response = await subject.api.as(coordinator).command('case-1', refer({ basis: rso({ disposal: 'caution', custodialMonths: undefined, notificationEnds: '2010-01-09' }) }));
      expect(response.statusCode).toBe(201);
    });
  });
}
