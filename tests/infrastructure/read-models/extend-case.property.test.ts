import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../../../src/domain/case/timeline.js';
import { extendCase, foldCase, type FoldedCase } from '../../../src/infrastructure/read-models/project-case.js';
import { caseScript, replay } from '../../support/case-history.arbitrary.js';

/** Each accepted command's events as the stream holds them: stream positions in the order they were recorded. */
function recorded(script: Parameters<typeof replay>[0]): TimelineEntry[][] {
  let position = 0;
  return replay(script).accepted.map(({ events }) => events.map((event) => ({ position: position++, event })));
}

describe('the live runner extends a kept fold of a case: the same outputs as folding the case whole', () => {
  it('for generated cases followed command by command, backdated commands included (fast-check, 300 runs)', () => {
    let extended = 0;
    let refolded = 0;
    fc.assert(
      fc.property(caseScript({ maxCommands: 25, from: '2004-04-01', spanDays: 4000 }), fc.integer({ min: 1, max: 3 }), (script, perBatch) => {
        const commands = recorded(script);
        let kept: FoldedCase | undefined;
        let stream: TimelineEntry[] = [];
        // Batches of a few commands, as the runner receives them.
        for (let i = 0; i < commands.length; i += perBatch) {
          const added = commands.slice(i, i + perBatch).flat();
          stream = [...stream, ...added];
          const whole = foldCase('case-1', stream);
          const fromKept = kept && extendCase('case-1', kept, added);
          if (fromKept) {
            extended++;
            expect(fromKept.outputs).toEqual(whole.outputs);
            expect(fromKept.timeline).toEqual(whole.timeline);
          } else if (kept) refolded++;
          kept = fromKept ?? whole;
        }
      }),
      { numRuns: 300 },
    );
    // Both ways are taken often enough for the comparison to mean something.
    expect(extended).toBeGreaterThan(300);
    expect(refolded).toBeGreaterThan(50);
  });
});
