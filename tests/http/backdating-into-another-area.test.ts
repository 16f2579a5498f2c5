import { afterEach, describe, expect, it } from 'vitest';
import { ACCESS_STREAM_PREFIX } from '../../src/infrastructure/access-log/records.js';
import { streams } from '../../src/infrastructure/eventstore/stream-names.js';
import { refer } from '../domain/case/support/builders.js';
import { allEvents, principal, startApi, type TestApi } from './support/api.js';

/**
 * The defect: a cumbria coordinator backdated a charge to when the case was in kent and changed
 * kent's return. A command now needs the caller to cover the area the case has now and every
 * area whose records it changes: the case's area on the command's date and, for a serious
 * further offence, on the offence date (README, "Who may do what").
 */
describe('backdating into another area changed that area\'s return', () => {
  let api: TestApi | undefined;
  afterEach(() => api?.close());

  /** Referred in kent on 2008-05-01, transferred to cumbria on 2009-06-01. */
  async function transferredCase() {
    api = await startApi();
    const kent = api.as(principal('coordinator', { sub: 'kent-1', areas: ['kent'] }));
    expect((await kent.command('moved', refer({ area: 'kent', level: 2 }))).statusCode).toBe(201);
    expect((await kent.command('moved', { type: 'TransferCase', occurredOn: '2009-06-01', toArea: 'cumbria' })).statusCode).toBe(201);
    return {
      api,
      kent,
      cumbria: api.as(principal('coordinator', { sub: 'cumbria-1', areas: ['cumbria'] })),
      both: api.as(principal('coordinator', { sub: 'both-1', areas: ['kent', 'cumbria'] })),
    };
  }

  const caseEvents = async (started: TestApi) => (await started.store.readStream(streams.case('moved'))).length;

  it('a command dated in kent\'s time, or a charge for an offence then, is 403 for cumbria alone; nothing is written', async () => {
    const { api: started, cumbria } = await transferredCase();
    const refused = [
      { type: 'ChargeSeriousFurtherOffence', occurredOn: '2009-03-01', chargeId: 'c-1', offenceDate: '2009-02-01' },
      { type: 'ChargeSeriousFurtherOffence', occurredOn: '2009-07-01', chargeId: 'c-2', offenceDate: '2009-02-01' },
      { type: 'SetManagementLevel', occurredOn: '2008-10-01', level: 3 },
      { type: 'RecordCustody', occurredOn: '2009-05-31', reason: 'remand' },
    ];
    for (const body of refused) {
      const response = await cumbria.command('moved', body);
      expect({ body, status: response.statusCode }).toEqual({ body, status: 403 });
      expect(response.json()).toMatchObject({ code: 'area-not-permitted' });
      // The refusal says the case was elsewhere then, not where.
      expect(response.body).not.toContain('kent');
    }
    expect(await caseEvents(started)).toBe(2);
    // Telling that the case was elsewhere on a date is a read of its history: recorded.
    const records = (await allEvents(started.store)).filter((e) => e.streamName.startsWith(ACCESS_STREAM_PREFIX));
    expect(records.map((r) => [r.data['resource'], (r.data['actor'] as { id: string }).id])).toEqual(refused.map(() => ['command-outcome', 'cumbria-1']));
  });

  it('a command dated in cumbria\'s time, about cumbria\'s time, is accepted', async () => {
    const { api: started, cumbria } = await transferredCase();
    expect((await cumbria.command('moved', { type: 'ChargeSeriousFurtherOffence', occurredOn: '2009-07-01', chargeId: 'c-3', offenceDate: '2009-06-15' })).statusCode).toBe(201);
    expect((await cumbria.command('moved', { type: 'SetManagementLevel', occurredOn: '2009-06-01', level: 3 })).statusCode).toBe(201);
    expect(await caseEvents(started)).toBe(4);
  });

  it('a charge\'s outcome, or a death that resolves it, needs the area of its offence date', async () => {
    const { api: started, cumbria, both } = await transferredCase();
    expect((await both.command('moved', { type: 'ChargeSeriousFurtherOffence', occurredOn: '2009-03-01', chargeId: 'c-kent', offenceDate: '2009-02-01' })).statusCode).toBe(201);
    expect((await cumbria.command('moved', { type: 'RecordSeriousFurtherOffenceOutcome', occurredOn: '2009-08-01', chargeId: 'c-kent', outcome: 'convicted' })).statusCode).toBe(403);
    expect((await cumbria.command('moved', { type: 'RecordDeath', occurredOn: '2009-08-01' })).statusCode).toBe(403);
    expect(await caseEvents(started)).toBe(3);
    expect((await both.command('moved', { type: 'RecordSeriousFurtherOffenceOutcome', occurredOn: '2009-08-01', chargeId: 'c-kent', outcome: 'convicted' })).statusCode).toBe(201);
  });

  it('kent cannot reach back either: the case is no longer in its areas (404, as if absent)', async () => {
    const { api: started, kent } = await transferredCase();
    const response = await kent.command('moved', { type: 'SetManagementLevel', occurredOn: '2008-10-01', level: 3 });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'case-not-found' });
    expect(await caseEvents(started)).toBe(2);
  });
});
