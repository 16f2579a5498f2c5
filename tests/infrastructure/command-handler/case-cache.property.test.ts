import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { manualClock } from '../../../src/infrastructure/clock.js';
import { caseCommandHandler } from '../../../src/infrastructure/command-handler/handle-case-command.js';
import type { HandledCommand } from '../../../src/infrastructure/command-handler/outcome.js';
import { openMemoryEventStore } from '../../../src/infrastructure/eventstore/memory.js';
import { caseScript } from '../../support/case-history.arbitrary.js';

const actor = { id: 'c', role: 'coordinator', agency: 'police' } as const;
/** What a client sees of an outcome, without the ids and instants that differ between runs. */
const seen = (o: HandledCommand) => (o.kind === 'accepted' ? { ...o, events: o.events.map((e) => [e.type, e.occurredOn]) } : o);

describe('the case cache changes no decision', () => {
  it('a handler keeping cases decides every command exactly as one reading each case every time', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(caseScript({ maxCommands: 25 }), { minLength: 1, maxLength: 3 }), async (scripts) => {
        const clock = manualClock('2032-01-01T12:00:00.000Z');
        const keeping = caseCommandHandler({ store: openMemoryEventStore(), clock });
        const reading = caseCommandHandler({ store: openMemoryEventStore(), clock, cacheSize: 0 });
        for (let i = 0; i < Math.max(...scripts.map((s) => s.length)); i++) {
          for (const [n, script] of scripts.entries()) {
            const command = script[i];
            if (!command) continue;
            expect(seen(await keeping(`case-${n}`, command, { areas: '*', actor }))).toEqual(seen(await reading(`case-${n}`, command, { areas: '*', actor })));
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
