import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decide } from '../../../src/domain/case/decide.js';
import type { CaseEvent } from '../../../src/domain/case/events.js';
import { decideRetraction, standingTimeline, type RecordedEvent } from '../../../src/domain/case/retraction.js';
import { caseOn, latestCase } from '../../../src/domain/case/timeline.js';
import { caseScript, PROPERTY_TODAY, replay } from '../../support/case-history.arbitrary.js';

const RUNS = { numRuns: 1000 };
const at = (n: number) => new Date(Date.UTC(2032, 0, 1) + n * 1000).toISOString();

/** The accepted commands of a script as recorded: one causation id per command, a second apart. */
function recordedScript(accepted: readonly { readonly events: readonly CaseEvent[] }[]): RecordedEvent[] {
  let position = 0;
  return accepted.flatMap(({ events }, c) =>
    events.map((event) => ({ eventId: `e${position}`, position, causationId: `c${c}`, recordedAt: at(position++), event })),
  );
}

function append(records: readonly RecordedEvent[], events: readonly RecordedEvent['event'][], causationId: string): RecordedEvent[] {
  let position = records.length;
  return [...records, ...events.map((event) => ({ eventId: `e${position}`, position, causationId, recordedAt: at(position++), event }))];
}

describe('laws of retraction (fast-check, 1,000 runs each)', () => {
  it('(K2, on the case) retracting an accepted command and recording it again (the same facts) leaves the case as if it had never been retracted', () => {
    let exercised = 0;
    fc.assert(
      fc.property(caseScript({ maxCommands: 15 }), fc.nat(), (script, pick) => {
        const { accepted } = replay(script);
        const records = recordedScript(accepted);
        // A command sharing its date with another event may land elsewhere among that day's events when recorded again.
        const dates = records.map((r) => (r.event as CaseEvent).occurredOn);
        const candidates = accepted
          .map((a, c) => ({ a, c }))
          .filter(({ a, c }) => c > 0 && a.events.length > 0 && dates.filter((d) => d === a.command.occurredOn).length === a.events.length);
        if (candidates.length === 0) return;
        const { a, c } = candidates[pick % candidates.length]!;
        const target = records.find((r) => r.causationId === `c${c}`)!;
        const retraction = decideRetraction({ eventIds: [target.eventId], reason: 'recorded-in-error' }, records);
        // Refused when a later fact depends on it: nothing to re-record.
        if (!retraction.ok) return;
        const retracted = append(records, [retraction.value], 'retraction');
        const again = decide(a.command, standingTimeline(retracted), PROPERTY_TODAY);
        // Once a death is recorded nothing more is accepted, a correction of the past included (CorrectEvents is the way).
        if (standingTimeline(retracted).some((e) => e.event.type === 'SubjectDied')) {
          expect(again).toMatchObject({ ok: false, error: { code: 'subject-deceased' } });
          return;
        }
        expect(again.ok).toBe(true);
        // A backdated command recorded after it may have made it a no-op (the level it set was already set): then it records less.
        if (!again.ok || JSON.stringify(again.value) !== JSON.stringify(a.events)) return;
        exercised++;
        const rerecorded = append(retracted, again.ok ? again.value : [], 'again');
        expect(latestCase(standingTimeline(rerecorded))).toEqual(latestCase(standingTimeline(records)));
        for (const { command } of accepted) {
          expect(caseOn(standingTimeline(rerecorded), command.occurredOn)).toEqual(caseOn(standingTimeline(records), command.occurredOn));
        }
      }),
      RUNS,
    );
    expect(exercised).toBeGreaterThan(100);
  });

  it('(K1, on the timeline) the timeline as known at any instant is unchanged by anything recorded after it', () => {
    fc.assert(
      fc.property(caseScript({ maxCommands: 15 }), fc.nat(), fc.nat(), (script, pick, cut) => {
        const { accepted } = replay(script);
        const records = recordedScript(accepted);
        const target = records[pick % records.length]!;
        const retraction = decideRetraction({ eventIds: [target.eventId], reason: 'duplicate' }, records);
        const later = retraction.ok ? append(records, [retraction.value], 'retraction') : records;
        const instant = at(cut % (later.length + 1));
        const knownThen = later.filter((r) => r.recordedAt! <= instant);
        expect(standingTimeline(later, instant)).toEqual(standingTimeline(knownThen));
      }),
      RUNS,
    );
  });
});
