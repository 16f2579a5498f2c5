import { afterEach, describe, expect, it } from 'vitest';
import { manualClock } from '../../../src/infrastructure/clock.js';
import { caseCommandHandler } from '../../../src/infrastructure/command-handler/handle-case-command.js';
import { streams } from '../../../src/infrastructure/eventstore/stream-names.js';
import { refer } from '../../domain/case/support/builders.js';
import { principal, startApi, type TestApi } from '../../http/support/api.js';
import { ADAPTERS, type ReopenableStore } from './stores.js';

const actor = { id: 'coord-1', role: 'coordinator', agency: 'police' } as const;
const unit = (i: number) => ({ type: 'ChangeLocalUnit', occurredOn: '2009-01-01', localUnit: `unit-${i}` }) as const;

/**
 * The defect: 50 concurrent commands to one case without If-Match got 41 answers of 409: each
 * raced the others to the append and gave up after its retries. Within one process commands to
 * one case now queue, in arrival order; a conflict is left only between processes.
 */
describe.each(ADAPTERS)('50 concurrent commands to one case got 409 (%s)', (_name, open) => {
  let opened: ReopenableStore | undefined;
  let api: TestApi | undefined;
  afterEach(async () => {
    await api?.close();
    api = undefined;
    await opened?.dispose();
  });

  it('through the handler, even with a single attempt each: every one accepted, in the order they came', async () => {
    opened = open();
    // One attempt: a command that raced another to the append would fail (conflict) at once.
    const handle = caseCommandHandler({ store: opened.store, clock: manualClock('2026-11-24T10:00:00Z'), maxAttempts: 1 });
    await handle('busy', refer(), { actor, areas: '*' });
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => handle('busy', unit(i), { actor, areas: '*' })));
    expect(results.map((r) => r.kind)).toEqual(Array(50).fill('accepted'));
    const events = await opened.store.readStream(streams.case('busy'));
    expect(events.slice(1).map((e) => e.data['localUnit'])).toEqual(Array.from({ length: 50 }, (_, i) => `unit-${i}`));
    expect(results.map((r) => (r.kind === 'accepted' ? r.version : -1))).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  });

  it('over HTTP: 50 concurrent commands, 50 answers of 201', async () => {
    opened = open();
    api = await startApi({ store: opened.store });
    const coordinator = api.as(principal('coordinator'));
    await coordinator.command('busy', refer());
    const responses = await Promise.all(Array.from({ length: 50 }, (_, i) => coordinator.command('busy', unit(i))));
    expect(responses.map((r) => r.statusCode)).toEqual(Array(50).fill(201));
    expect(await opened.store.streamVersion(streams.case('busy'))).toBe(50);
  });
});
