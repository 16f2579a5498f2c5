import { describe, expect, it } from 'vitest';
import type { AreaPolicy } from '../../../src/infrastructure/command-handler/area-policy.js';
import { manualClock } from '../../../src/infrastructure/clock.js';
import { caseCommandHandler } from '../../../src/infrastructure/command-handler/handle-case-command.js';
import { openMemoryEventStore } from '../../../src/infrastructure/eventstore/memory.js';
import { streams } from '../../../src/infrastructure/eventstore/stream-names.js';
import { cmd, refer } from '../../domain/case/support/builders.js';

const actor = { id: 'c-1', role: 'coordinator', agency: 'police' } as const;

describe('the handler is given its area policy', () => {
  it('asks it for the referral, the case now, and every area a command changes; nothing is written when it says no', async () => {
    const store = openMemoryEventStore();
    const asked: string[] = [];
    // Everywhere but the denied area, whatever the token says.
    let denied = 'lancashire';
    const policy: AreaPolicy = (_areas, area) => {
      asked.push(area);
      return area !== denied;
    };
    const handle = caseCommandHandler({ store, clock: manualClock('2026-11-24T10:00:00.000Z'), areaPolicy: policy });
    expect((await handle('p-1', refer({ area: 'lancashire' }), { areas: '*', actor })).kind).toBe('area-not-permitted');
    expect(await store.streamVersion(streams.case('p-1'))).toBe(-1);
    expect((await handle('p-2', refer(), { areas: '*', actor })).kind).toBe('accepted');
    denied = 'cumbria';
    // The case is cumbria's: to a caller the policy keeps out of cumbria it is absent.
    expect(await handle('p-2', cmd('ChangeLocalUnit', '2009-01-01', { localUnit: 'South' }), { areas: '*', actor })).toMatchObject({ kind: 'refused', code: 'case-not-found' });
    expect(await store.streamVersion(streams.case('p-2'))).toBe(0);
    expect(asked).toContain('lancashire');
    expect(asked).toContain('cumbria');
  });
});
