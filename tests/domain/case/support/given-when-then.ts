import { expect } from 'vitest';
import type { CaseCommand } from '../../../../src/domain/case/commands.js';
import { decide, type Decision } from '../../../../src/domain/case/decide.js';
import type { CaseEvent } from '../../../../src/domain/case/events.js';
import type { RuleCode } from '../../../../src/domain/shared/domain-error.js';
import { timelineOf, type Timeline } from '../../../../src/domain/case/timeline.js';

export const TODAY = '2026-11-24';

/** Past events in recording order: stream positions 0, 1, 2... */
export function timelineFrom(events: readonly CaseEvent[]): Timeline {
  return timelineOf(events.map((event, position) => ({ position, event })));
}

/** given(past events).when(command).then(new events) | .thenRefused(code) | .thenNothing() */
export function given(...events: CaseEvent[]) {
  const timeline = timelineFrom(events);
  return {
    when(command: CaseCommand, today: string = TODAY) {
      const decision: Decision = decide(command, timeline, today);
      return {
        decision,
        then(...expected: CaseEvent[]) {
          expect(decision).toEqual({ ok: true, value: expected });
        },
        thenRefused(code: RuleCode) {
          expect(decision.ok ? { accepted: decision.value } : decision.error.code).toBe(code);
        },
        thenNothing() {
          expect(decision).toEqual({ ok: true, value: [] });
        },
      };
    },
  };
}
