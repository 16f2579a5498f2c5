import { afterEach, describe, expect, it } from 'vitest';
import { manualClock } from '../../../src/infrastructure/clock.js';
import { caseCommandHandler } from '../../../src/infrastructure/command-handler/handle-case-command.js';
import { streams } from '../../../src/infrastructure/eventstore/stream-names.js';
import { refer } from '../../domain/case/support/builders.js';
import { ADAPTERS, type ReopenableStore } from './stores.js';

const actor = { id: 'coord-1', role: 'coordinator', agency: 'police' } as const;

describe.each(ADAPTERS)('concurrent commands through the handler on %s', (_name, open) => {
  let opened: ReopenableStore;
  afterEach(async () => opened?.dispose());
  const setup = () => {
    opened = open();
    return { store: opened.store, handle: caseCommandHandler({ store: opened.store, clock: manualClock('2026-11-24T10:00:00Z') }) };
  };

  it('S5: 50 concurrent ReferOffender for one case id: one accepted, 49 refused', async () => {
    const { handle, store } = setup();
    const results = await Promise.all(Array.from({ length: 50 }, () => handle('same', refer(), { areas: '*', actor })));
    expect(results.filter((r) => r.kind === 'accepted')).toHaveLength(1);
    expect(results.filter((r) => r.kind === 'refused' && r.code === 'case-already-exists')).toHaveLength(49);
    expect(await store.streamVersion(streams.case('same'))).toBe(0);
  });

  it.each([2, 8, 16])('S2 at the handler: %i concurrent commands with the same If-Match: one accepted, the rest 412, the stream grows by one', async (k) => {
    const { handle, store } = setup();
    for (let trial = 0; trial < 25; trial++) {
      const caseId = `case-${k}-${trial}`;
      await handle(caseId, refer(), { areas: '*', actor });
      const results = await Promise.all(
        Array.from({ length: k }, (_, i) => handle(caseId, { type: 'ChangeLocalUnit', occurredOn: '2009-01-01', localUnit: `unit-${i}` }, { areas: '*', actor, expectedVersion: 0 })),
      );
      expect(results.filter((r) => r.kind === 'accepted')).toHaveLength(1);
      expect(results.filter((r) => r.kind === 'version-mismatch')).toHaveLength(k - 1);
      expect(await store.streamVersion(streams.case(caseId))).toBe(1);
    }
  });

  it('without If-Match, concurrent commands re-read and re-decide: every one lands once', async () => {
    const { handle, store } = setup();
    await handle('busy', refer(), { areas: '*', actor });
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => handle('busy', { type: 'ChangeLocalUnit', occurredOn: '2009-01-01', localUnit: `unit-${i}` }, { areas: '*', actor })),
    );
    expect(results.every((r) => r.kind === 'accepted')).toBe(true);
    const events = await store.readStream(streams.case('busy'));
    expect(events.map((e) => e.streamPosition)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(new Set(events.slice(1).map((e) => e.data['localUnit'])).size).toBe(6);
  });
});
