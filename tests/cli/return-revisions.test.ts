import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/infrastructure/clock.js';
import { caseCommandHandler } from '../../src/infrastructure/command-handler/handle-case-command.js';
import { openSqliteEventStore } from '../../src/infrastructure/eventstore/sqlite/index.js';
import { returnAsKnownAt } from '../../src/infrastructure/read-models/known-at-return.js';
import { personalDataInMemoryFor } from '../../src/infrastructure/personal-data/personal-data.js';
import { submitReturn } from '../../src/infrastructure/returns/submissions.js';
import { refer } from '../domain/case/support/builders.js';
import { MAPPA_CLI, runTs } from '../support/run-process.js';
import { makeTempDir } from '../support/temp-dir.js';

const actor = { id: 'c-1', role: 'coordinator', agency: 'police' } as const;
const analyst = { id: 'an-1', role: 'analyst', agency: 'police' } as const;

describe('mappa return --revisions', () => {
  let dir: ReturnType<typeof makeTempDir> | undefined;
  afterEach(() => dir?.remove());

  /** Cumbria 2008-09 submitted in June 2009, then a referral of January 2009 recorded in July. */
  async function submittedThenRevised(revise = true) {
    dir = makeTempDir('return-revisions-cli');
    const dbPath = join(dir.path, 'mappa.db');
    const store = openSqliteEventStore(dbPath);
    const clock = manualClock('2009-06-01T10:00:00.000Z');
    const handle = caseCommandHandler({ store, clock });
    await handle('a', refer({ localUnit: 'North BCU' }), { areas: '*', actor });
    const submission = await submitReturn(store, clock, (query) => returnAsKnownAt(store, query), { area: 'cumbria', reportingYear: '2008-09' }, { actor: analyst, correlationId: 'test' }, personalDataInMemoryFor(store));
    clock.set('2009-07-01T10:00:00.000Z');
    if (revise) await handle('b', refer({ occurredOn: '2009-01-05', localUnit: 'North BCU', basis: { kind: 'registered-sexual-offender', basisId: 'rso-1', relevantDate: '2009-01-02', disposal: 'caution' } }), { areas: '*', actor });
    await store.close();
    return { env: { MAPPA_STORE: `sqlite:${dbPath}`, MAPPA_DATA_DIR: dir.path, MAPPA_LOG_LEVEL: 'silent' }, submission };
  }

  it('prints the return now with (R) after each revised figure and the revisions note; --format json gives the revisions', async () => {
    const { env, submission } = await submittedThenRevised();
    const text = await runTs(MAPPA_CLI, ['return', '--year', '2008-09', '--area', 'cumbria', '--revisions'], env);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Registered Sexual Offenders\t2 (R)');
    expect(text.stdout).toContain('North BCU\t2 (R)');
    expect(text.stdout).toContain(`Revisions: Figures marked (R) are revised since the return submitted at ${submission.knownAt}. 3 figures have changed, by 3 in all. Causes: 1 record made late.`);
    const json = JSON.parse((await runTs(MAPPA_CLI, ['return', '--year', '2008-09', '--area', 'cumbria', '--revisions', '--format', 'json'], env)).stdout);
    expect(json.submission).toEqual({ submissionId: submission.submissionId, knownAt: submission.knownAt, digest: submission.digest });
    expect(json.changes.map((c: { rowId: string; cell: string }) => `${c.rowId}/${c.cell}`)).toEqual(['R01/cat1', 'R01/total', 'R08/North BCU']);
    expect(json.changes[0]).not.toHaveProperty('caseIds');
  });

  it('says so when nothing was revised, and fails (exit 1) for a return never submitted; england-and-wales is a usage error', async () => {
    const { env } = await submittedThenRevised(false);
    const same = await runTs(MAPPA_CLI, ['return', '--year', '2008-09', '--area', 'cumbria', '--revisions'], env);
    expect(same.code).toBe(0);
    expect(same.stdout).not.toContain('(R)');
    expect(same.stdout).toContain('No figure has been revised since the return submitted at 2009-06-01T10:00:00.000Z.');
    const never = await runTs(MAPPA_CLI, ['return', '--year', '2007-08', '--area', 'cumbria', '--revisions'], env);
    expect([never.code, never.stderr.trim()]).toEqual([1, 'mappa: the 2007-08 return of cumbria has not been submitted']);
    const national = await runTs(MAPPA_CLI, ['return', '--year', '2008-09', '--area', 'england-and-wales', '--revisions'], env);
    expect(national.code).toBe(2);
    expect(national.stderr).toContain('--area');
  });
});
