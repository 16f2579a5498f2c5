import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/infrastructure/clock.js';
import { openSqliteEventStore } from '../../src/infrastructure/eventstore/sqlite/index.js';
import { cumbriaHistory } from '../../bench/synthetic/cumbria-2008-09.js';
import { runCumbriaDemo, type DemoOutcome } from '../../bench/synthetic/cumbria-demo.js';
import { issueHistory, RefusedCommandError } from '../../bench/synthetic/issue-history.js';
import { digestOf } from '../../src/infrastructure/returns/submissions.js';
import { SEED_FIGURES } from '../fixtures/cumbria-2008-09-figures.js';
import { makeTempDir } from '../support/temp-dir.js';

/** The Cumbria MAPPA annual report of 2009 (docs/DOMAIN.md section 1), kept with the tests. */
const SEED_REPORT = new URL('../fixtures/reports/mappa-annual-report-2009-cumbria.txt', import.meta.url);

/** The "label<TAB>value" lines of the seed's statistical section, in order (headings end in a bare tab). */
function seedFigureLines(): string[] {
  const report = readFileSync(SEED_REPORT, 'utf8').replaceAll('\r\n', '\n');
  const start = report.indexOf('MAPPA Statistical Information 2008/9');
  const end = report.indexOf('EXPLANATION / COMMENTARY', start);
  return report
    .slice(start, end)
    .split('\n')
    .filter((line) => /^[^\t]+\t\S+$/.test(line));
}

describe('npm run demo: the synthetic Cumbria history gives the 2008-09 return of the seed report', () => {
  const dir = makeTempDir('demo');
  let demo: DemoOutcome;

  beforeAll(async () => {
    demo = await runCumbriaDemo(dir.path);
  });
  afterAll(() => dir.remove());

  it.each(Object.entries(SEED_FIGURES))('%s equals the report, cell by cell', (id, cells) => {
    expect(demo.result.rows.find((r) => r.id === id)?.cells).toEqual(cells);
  });

  it('prints every "label, tab, figure" line of the report, in the report order', () => {
    const expected = seedFigureLines();
    expect(expected.length).toBe(36);
    const printed = demo.text.split('\n');
    let at = 0;
    for (const line of expected) {
      const found = printed.indexOf(line, at);
      expect(found, `"${line.replace('\t', '\\t')}" after line ${at} of the demo output`).toBeGreaterThanOrEqual(0);
      at = found + 1;
    }
    expect(demo.text).toContain('per 100,000 head of population\n\n59\n');
    expect(demo.text).toContain('breach of notification requirements\n\n8\n');
  });

  it('entered a history of several years, every command accepted', () => {
    expect(demo.issued.cases).toBeGreaterThan(500);
    expect(demo.issued.firstDay <= '2001-12-31').toBe(true);
    expect(demo.issued.lastDay > '2009-03-31').toBe(true);
    expect(demo.storedEvents).toBe(demo.issued.events + 1);
  });

  it('submits the return (its digest is the digest of the 13 rows above), records a referral of February 2009 late, retracts a breach entered twice, and prints the revisions note', () => {
    const submission = demo.submission!;
    expect(submission.submission.digest).toBe(digestOf(demo.result.rows));
    expect(submission.revisions.changes.map((c) => [c.rowId, c.cell, c.submitted, c.current])).toEqual([
      ['R01', 'cat1', 290, 291], ['R01', 'total', 341, 342], ['R08', 'West BCU', 84, 85], ['R10', 'count', 8, 7],
    ]);
    expect(submission.revisions.changes.find((c) => c.rowId === 'R10')).toMatchObject({ causes: { retractions: 1, lateRecords: 0 } });
    expect(submission.revisedText).toContain('Registered Sexual Offenders\t291 (R)');
    expect(demo.text).toContain(
      `Revisions: Figures marked (R) are revised since the return submitted at ${submission.submission.knownAt}. 4 figures have changed, by 4 in all. Causes: 1 record made late, 1 retraction.`,
    );
    expect(demo.text).toContain('  R08 West BCU: 84 submitted, 85 now (R)');
  });

  it('is the same history on every run of the seed, and another seed is another history', () => {
    expect(JSON.stringify(cumbriaHistory())).toBe(JSON.stringify(cumbriaHistory()));
    expect(JSON.stringify(cumbriaHistory(7))).not.toBe(JSON.stringify(cumbriaHistory()));
  });
});

describe('entering a synthetic history', () => {
  it('fails loudly, naming the case and the rule, when a command is refused', async () => {
    const dir = makeTempDir('demo-refused');
    const store = openSqliteEventStore(join(dir.path, 'events.db'));
    try {
      const refer = {
        type: 'ReferOffender', occurredOn: '2008-05-01', area: 'cumbria', leadAgency: 'police',
        subject: { ref: 'X', dateOfBirth: '1970-01-01' },
        basis: { kind: 'violent-offender', basisId: 'b1', startDate: '2008-01-01', sentenceMonths: 24 },
      } as const;
      const recall = { type: 'RecallOnLicence', occurredOn: '2008-06-01' } as const;
      const scripts = [{ caseId: 'never-on-licence', commands: [{ command: refer, recordedOn: '2008-05-01' }, { command: recall, recordedOn: '2008-06-01' }] }];
      const issuing = issueHistory(store, scripts, { clock: manualClock('2008-05-01T16:00:00Z'), actors: [{ id: 'a', role: 'coordinator', agency: 'police' }] });
      await expect(issuing).rejects.toThrow(RefusedCommandError);
      await expect(issuing).rejects.toThrow(/never-on-licence: RecallOnLicence dated 2008-06-01.*not-on-licence/);
    } finally {
      await store.close();
      dir.remove();
    }
  });
});
