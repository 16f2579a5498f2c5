import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { standingTimeline } from '../../../src/domain/case/retraction.js';
import { NATIONAL } from '../../../src/domain/shared/areas.js';
import { caseFacts, type CaseFacts } from '../../../src/projections/annual-return/case-facts.js';
import { returnFromCaseFacts } from '../../../src/projections/annual-return/assemble-return.js';
import { revisionsOf, type RecordedCaseEntry } from '../../../src/projections/revisions/revisions.js';
import { caseScript, replay } from '../../support/case-history.arbitrary.js';

const instant = (n: number) => new Date(Date.UTC(2030, 0, 1) + n * 1000).toISOString();

/** Accepted commands of generated cases as recorded: the n-th command of the log at second n. */
function recordedLog(scripts: readonly (readonly Parameters<typeof replay>[0][number][])[]): Map<string, RecordedCaseEntry[]> {
  const cases = new Map<string, RecordedCaseEntry[]>();
  let n = 0;
  scripts.forEach((commands, c) => {
    const entries: RecordedCaseEntry[] = [];
    for (const { events } of replay(commands).accepted) {
      const recordedAt = instant(n++);
      for (const event of events) entries.push({ eventId: `e-${c}-${entries.length}`, position: entries.length, event, recordedAt, causationId: `cmd-${c}-${entries.length}` });
      // One command: every event of it carries the id of its first.
      const first = entries.length - events.length;
      for (let i = first; i < entries.length; i++) entries[i] = { ...entries[i]!, causationId: `cmd-${c}-${first}` };
    }
    cases.set(`c-${c}`, entries);
  });
  return cases;
}

/**
 * docs/CHECKS.md K4 for generated histories (backdated commands among them): with a submission at any
 * instant, every revised figure has at least one cause, the revised figures are exactly those
 * that differ between the return then and now, and nothing recorded after the submission means
 * nothing revised.
 */
describe('revisions of generated histories (K4)', () => {
  it('every revised figure has a cause, and exactly the figures that differ are revised', () => {
    let revised = 0;
    fc.assert(
      fc.property(
        fc.array(caseScript({ maxCommands: 12, from: '2004-04-01', spanDays: 2500 }), { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 2005, max: 2011 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.constantFrom('2008', '2015'),
        (scripts, startYear, cut, format) => {
          const cases = recordedLog(scripts);
          const recorded = [...cases.values()].flat().length;
          const knownAt = instant(Math.floor(cut * recorded) - 0.5);
          const at = { area: NATIONAL, reportingYear: `${startYear}-${String((startYear + 1) % 100).padStart(2, '0')}`, format } as const;
          const factsOf = (keep: (e: RecordedCaseEntry) => boolean) =>
            [...cases.values()].map((entries) => caseFacts(standingTimeline(entries.filter(keep)))).filter((f): f is CaseFacts => f !== null);
          const then = returnFromCaseFacts(at, factsOf((e) => e.recordedAt <= knownAt), {});
          const now = returnFromCaseFacts(at, factsOf(() => true), {});
          const cells = Object.fromEntries(then.rows.map((r) => [r.id, r.cells]));
          const revisions = revisionsOf({ submission: { ...at, submissionId: 's', knownAt, digest: 'd', cells }, cases, current: now, latePopulations: 0 });

          const differing: string[] = [];
          for (const row of now.rows) {
            const before = cells[row.id] ?? {};
            for (const cell of new Set([...Object.keys(row.cells), ...Object.keys(before)])) {
              if ((row.cells[cell] ?? null) !== (before[cell] ?? null)) differing.push(`${row.id}/${cell}`);
            }
          }
          expect(revisions.changes.map((c) => `${c.rowId}/${c.cell}`)).toEqual(differing);
          for (const change of revisions.changes) {
            expect(Object.values(change.causes).reduce((a, b) => a + b, 0), `${change.rowId}/${change.cell}`).toBeGreaterThan(0);
            expect(change.caseIds.length).toBeGreaterThan(0);
          }
          const late = [...cases.values()].flat().some((e) => e.recordedAt > knownAt);
          if (!late) expect(revisions.changes).toEqual([]);
          expect(revisions.scale.cellsChanged).toBe(differing.length);
          if (differing.length > 0) revised++;
        },
      ),
      { numRuns: 120 },
    );
    // The law is not held vacuously: many generated submissions were revised.
    expect(revised).toBeGreaterThan(20);
  });
});
