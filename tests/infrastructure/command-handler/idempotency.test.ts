import { afterEach, describe, expect, it } from 'vitest';
import { manualClock } from '../../../src/infrastructure/clock.js';
import { caseCommandHandler } from '../../../src/infrastructure/command-handler/handle-case-command.js';
import { type EventStore } from '../../../src/infrastructure/eventstore/eventstore.js';
import { streams } from '../../../src/infrastructure/eventstore/stream-names.js';
import { refer } from '../../domain/case/support/builders.js';
import { ADAPTERS, type ReopenableStore } from './stores.js';

const alice = { id: 'alice', role: 'coordinator', agency: 'police' } as const;
const bob = { id: 'bob', role: 'coordinator', agency: 'police' } as const;
const release = { type: 'RecordRelease', occurredOn: '2009-01-01' } as const;

async function countAll(store: EventStore): Promise<number> {
  let n = 0;
  for await (const _ of store.readAll()) n++;
  return n;
}

describe.each(ADAPTERS)('Idempotency-Key at the handler on %s', (_name, open) => {
  let opened: ReopenableStore;
  afterEach(async () => opened?.dispose());
  const setup = () => {
    opened = open();
    const clock = manualClock('2026-11-24T10:00:00.000Z');
    return { clock, handler: (store: EventStore) => caseCommandHandler({ store, clock }) };
  };

  it('I1: the same key and command twice: the same outcome, events written once', async () => {
    const { clock, handler } = setup();
    const handle = handler(opened.store);
    const first = await handle('case-1', refer(), { areas: '*', actor: alice, idempotencyKey: 'k-1' });
    clock.advance(60_000);
    const again = await handle('case-1', refer(), { areas: '*', actor: alice, idempotencyKey: 'k-1' });
    expect(first).toMatchObject({ kind: 'accepted', replayed: false });
    expect({ ...again, replayed: false }).toEqual(first);
    expect(again.replayed).toBe(true);
    expect(await opened.store.streamVersion(streams.case('case-1'))).toBe(0);
  });

  it('I1: a refusal under a key is replayed as the first outcome, even once the case has changed', async () => {
    const { handler } = setup();
    const handle = handler(opened.store);
    await handle('case-1', refer(), { areas: '*', actor: alice });
    const first = await handle('case-1', release, { areas: '*', actor: alice, idempotencyKey: 'k-2' });
    await handle('case-1', { type: 'RecordCustody', occurredOn: '2008-12-01', reason: 'remand' }, { areas: '*', actor: alice });
    const again = await handle('case-1', release, { areas: '*', actor: alice, idempotencyKey: 'k-2' });
    expect(first).toMatchObject({ kind: 'refused', code: 'not-in-custody' });
    expect({ ...again, replayed: false }).toEqual(first);
    expect(await opened.store.streamVersion(streams.case('case-1'))).toBe(1);
  });

  it('I2: the same key with another command: refused, nothing written', async () => {
    const { handler } = setup();
    const handle = handler(opened.store);
    await handle('case-1', refer(), { areas: '*', actor: alice, idempotencyKey: 'k-3' });
    const before = await countAll(opened.store);
    expect(await handle('case-1', refer({ level: 2 }), { areas: '*', actor: alice, idempotencyKey: 'k-3' })).toMatchObject({ kind: 'idempotency-key-reused' });
    expect(await handle('case-2', refer(), { areas: '*', actor: alice, idempotencyKey: 'k-3' })).toMatchObject({ kind: 'idempotency-key-reused' });
    expect(await countAll(opened.store)).toBe(before);
  });

  it('I3: 50 parallel requests with one key: events written once, every answer the same', async () => {
    const { handler } = setup();
    const handle = handler(opened.store);
    const results = await Promise.all(Array.from({ length: 50 }, () => handle('case-1', refer(), { areas: '*', actor: alice, idempotencyKey: 'k-4' })));
    expect(await opened.store.streamVersion(streams.case('case-1'))).toBe(0);
    const outcomes = new Set(results.map(({ replayed: _r, ...outcome }) => JSON.stringify(outcome)));
    expect(outcomes.size).toBe(1);
    expect(results.filter((r) => !r.replayed).length).toBe(1);
  });

  it('I3: 50 parallel refused requests with one key: one outcome recorded, every answer the same', async () => {
    const { handler } = setup();
    const handle = handler(opened.store);
    await handle('case-1', refer(), { areas: '*', actor: alice });
    const results = await Promise.all(Array.from({ length: 50 }, () => handle('case-1', release, { areas: '*', actor: alice, idempotencyKey: 'k-5' })));
    expect(new Set(results.map(({ replayed: _r, ...o }) => JSON.stringify(o))).size).toBe(1);
    expect(results[0]).toMatchObject({ kind: 'refused', code: 'not-in-custody' });
  });

  it("I4: keys are per token subject: another subject's same key replays nothing of the first", async () => {
    const { handler } = setup();
    const handle = handler(opened.store);
    expect(await handle('case-1', refer(), { areas: '*', actor: alice, idempotencyKey: 'shared' })).toMatchObject({ kind: 'accepted', replayed: false });
    expect(await handle('case-1', refer(), { areas: '*', actor: bob, idempotencyKey: 'shared' })).toMatchObject({ kind: 'refused', code: 'case-already-exists', replayed: false });
    // Bob's use of the key is now his own first request, replayed for him alone.
    expect(await handle('case-1', refer(), { areas: '*', actor: bob, idempotencyKey: 'shared' })).toMatchObject({ kind: 'refused', code: 'case-already-exists', replayed: true });
    expect(await handle('case-1', refer(), { areas: '*', actor: alice, idempotencyKey: 'shared' })).toMatchObject({ kind: 'accepted', replayed: true });
  });

  it('I5: a replay after a restart still writes nothing new', async () => {
    const { handler } = setup();
    const first = await handler(opened.store)('case-1', refer(), { areas: '*', actor: alice, idempotencyKey: 'k-6' });
    const noop = await handler(opened.store)('case-1', { type: 'SetManagementLevel', occurredOn: '2009-01-01', level: 1 }, { areas: '*', actor: alice, idempotencyKey: 'k-7' });
    const before = await countAll(opened.store);
    const restarted = await opened.reopen();
    const again = await handler(restarted)('case-1', refer(), { areas: '*', actor: alice, idempotencyKey: 'k-6' });
    const noopAgain = await handler(restarted)('case-1', { type: 'SetManagementLevel', occurredOn: '2009-01-01', level: 1 }, { areas: '*', actor: alice, idempotencyKey: 'k-7' });
    expect({ ...again, replayed: false }).toEqual(first);
    expect({ ...noopAgain, replayed: false }).toEqual(noop);
    expect(await countAll(restarted)).toBe(before);
  });

  it('a request that died after claiming its key is completed by a retry, once', async () => {
    const { handler } = setup();
    const crashing: EventStore = {
      ...opened.store,
      readStream: (...args) => opened.store.readStream(...args),
      streamVersion: (...args) => opened.store.streamVersion(...args),
      readAll: (...args) => opened.store.readAll(...args),
      subscribeToAll: (...args) => opened.store.subscribeToAll(...args),
      close: () => opened.store.close(),
      appendToStream: (stream, events, options) =>
        stream.startsWith('mappa-case-') ? Promise.reject(new Error('process died')) : opened.store.appendToStream(stream, events, options),
    };
    await expect(handler(crashing)('case-1', refer(), { areas: '*', actor: alice, idempotencyKey: 'k-8' })).rejects.toThrow('process died');
    expect(await opened.store.streamVersion(streams.case('case-1'))).toBe(-1);
    const retried = await handler(opened.store)('case-1', refer(), { areas: '*', actor: alice, idempotencyKey: 'k-8' });
    expect(retried).toMatchObject({ kind: 'accepted', version: 0, replayed: false });
    const stored = await opened.store.readStream(streams.case('case-1'));
    expect(stored).toHaveLength(1);
    expect(stored[0]!.metadata['idempotency']).toMatchObject({ keyId: expect.any(String), requestHash: expect.any(String) });
    expect({ ...(await handler(opened.store)('case-1', refer(), { areas: '*', actor: alice, idempotencyKey: 'k-8' })), replayed: false }).toEqual(retried);
  });
});
