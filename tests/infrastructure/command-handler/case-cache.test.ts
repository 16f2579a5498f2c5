import { afterEach, describe, expect, it } from 'vitest';
import { manualClock } from '../../../src/infrastructure/clock.js';
import { caseCommandHandler } from '../../../src/infrastructure/command-handler/handle-case-command.js';
import { streams } from '../../../src/infrastructure/eventstore/stream-names.js';
import { refer } from '../../domain/case/support/builders.js';
import { ADAPTERS, type ReopenableStore } from './stores.js';

const actor = { id: 'coord-1', role: 'coordinator', agency: 'police' } as const;

/** Two handlers on one store: what two server instances (or the server and `mappa import`) are. */
describe.each(ADAPTERS)('a handler whose cached case another writer changed, on %s', (_name, open) => {
  let opened: ReopenableStore;
  afterEach(async () => opened?.dispose());
  const setup = async () => {
    opened = open();
    const clock = manualClock('2026-11-24T10:00:00Z');
    const here = caseCommandHandler({ store: opened.store, clock });
    const elsewhere = caseCommandHandler({ store: opened.store, clock });
    expect(await here('case-1', refer(), { areas: '*', actor })).toMatchObject({ kind: 'accepted', version: 0 });
    return { here, elsewhere };
  };

  it('re-reads the case when its append meets a newer version, then refuses on the real state', async () => {
    const { here, elsewhere } = await setup();
    await elsewhere('case-1', { type: 'RecordCustody', occurredOn: '2009-01-01', reason: 'remand' }, { areas: '*', actor });
    expect(await here('case-1', { type: 'RecordCustody', occurredOn: '2009-02-01', reason: 'remand' }, { areas: '*', actor })).toMatchObject({ kind: 'refused', code: 'already-in-custody' });
  });

  it('does not refuse on a stale case: a refusal is confirmed against the stream first', async () => {
    const { here, elsewhere } = await setup();
    await elsewhere('case-1', { type: 'RecordCustody', occurredOn: '2009-01-01', reason: 'remand' }, { areas: '*', actor });
    expect(await here('case-1', { type: 'RecordRelease', occurredOn: '2009-02-01' }, { areas: '*', actor })).toMatchObject({ kind: 'accepted', version: 2 });
  });

  it('does not answer "nothing to do" on a stale case', async () => {
    const { here, elsewhere } = await setup();
    await elsewhere('case-1', { type: 'SetManagementLevel', occurredOn: '2009-01-01', level: 2 }, { areas: '*', actor });
    expect(await here('case-1', { type: 'SetManagementLevel', occurredOn: '2009-02-01', level: 1 }, { areas: '*', actor })).toMatchObject({ kind: 'accepted', version: 2 });
    expect((await opened.store.readStream(streams.case('case-1'))).map((e) => e.data['level'])).toEqual([1, 2, 1]);
  });

  it('does not report an If-Match mismatch from a stale case', async () => {
    const { here, elsewhere } = await setup();
    await elsewhere('case-1', { type: 'ChangeLocalUnit', occurredOn: '2009-01-01', localUnit: 'West BCU' }, { areas: '*', actor });
    expect(await here('case-1', { type: 'ChangeLocalUnit', occurredOn: '2009-02-01', localUnit: 'South BCU' }, { areas: '*', actor, expectedVersion: 1 })).toMatchObject({ kind: 'accepted', version: 2 });
  });

  it('finds a key used through the other handler', async () => {
    const { here, elsewhere } = await setup();
    const first = await elsewhere('case-1', { type: 'ChangeLocalUnit', occurredOn: '2009-01-01', localUnit: 'West BCU' }, { areas: '*', actor, idempotencyKey: 'k' });
    const again = await here('case-1', { type: 'ChangeLocalUnit', occurredOn: '2009-01-01', localUnit: 'West BCU' }, { areas: '*', actor, idempotencyKey: 'k' });
    expect({ ...again, replayed: false }).toEqual(first);
    expect(await opened.store.streamVersion(streams.case('case-1'))).toBe(1);
  });
});
