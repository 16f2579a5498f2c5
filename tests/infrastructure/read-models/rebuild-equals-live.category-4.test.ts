import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { NATIONAL } from '../../../src/domain/shared/areas.js';
import { manualClock } from '../../../src/infrastructure/clock.js';
import { recordAreaPopulation } from '../../../src/infrastructure/command-handler/record-area-population.js';
import { ProjectionsInThread } from '../../../src/infrastructure/read-models/projections-in-thread.js';
import { formatsOffered } from '../../../src/projections/annual-return/return-types.js';
import { AREAS } from '../../support/case-history.arbitrary.js';
import { generatedScripts, issueScripts } from '../../support/generated-caseload.js';
import { lastProjectedPosition, projectionsOnSqlite } from '../../support/projections-on-sqlite.js';

const hash = (text: string) => createHash('sha256').update(text).digest('hex');

/** Every return of the years around the category-4 edition, in every format each year offers. */
async function allReturns(projections: ProjectionsInThread): Promise<string> {
  const out: string[] = [];
  for (let year = 2019; year <= 2031; year++) {
    const reportingYear = `${year}-${String((year + 1) % 100).padStart(2, '0')}`;
    for (const format of formatsOffered(reportingYear)) {
      for (const area of [...AREAS, NATIONAL]) out.push(JSON.stringify(await projections.annualReturn({ area, reportingYear, format })));
    }
  }
  return out.join('\n');
}

describe('P1 with category 4: a rebuild equals the live projection', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
  });

  it('for histories around the category-4 edition, with terrorism bases and populations on both bases', async () => {
    const sqlite = projectionsOnSqlite('projections-cat4');
    ({ close } = sqlite);
    const { store, open } = sqlite;
    const live = open('live.db');
    await live.start();
    const { accepted } = await issueScripts(store, generatedScripts(200, 14, { withTerrorism: true, from: '2020-01-01', spanDays: 1800 }));
    expect(accepted).toBeGreaterThan(500);
    const actor = { id: 'admin', role: 'admin', agency: 'other' } as const;
    for (const [i, area] of AREAS.entries()) {
      for (const basis of ['all-ages', 'aged-10-plus'] as const) {
        await recordAreaPopulation(store, manualClock('2032-01-01T12:00:00.000Z'), { area, reportingYear: '2025-26', population: 400_000 + i * 1000 - (basis === 'aged-10-plus' ? 40_000 : 0), basis, source: 'test' }, { actor, correlationId: 'p' });
      }
    }
    await live.caughtUpTo(await lastProjectedPosition(store));

    const liveReturns = await allReturns(live);
    // The histories reach category 4: the 2024 returns count some, and rate on the aged-10-plus figures.
    const cat4 = (await live.annualReturn({ area: NATIONAL, reportingYear: '2025-26', format: '2024' })).rows.find((r) => r.id === 'E02')!.cells['cat4'];
    const e01 = (await live.annualReturn({ area: NATIONAL, reportingYear: '2025-26', format: '2024' })).rows.find((r) => r.id === 'E01')!.cells;
    expect((cat4 ?? 0) + (e01['cat4'] ?? 0)).toBeGreaterThan(0);
    expect(live.readModels.caseload(undefined).some((entry) => entry.bases.some((b) => b.category === 4))).toBe(true);

    const rebuilt = open('rebuilt.db');
    await rebuilt.start();
    expect(hash(rebuilt.readModels.dump())).toBe(hash(live.readModels.dump()));
    expect(hash(await allReturns(rebuilt))).toBe(hash(liveReturns));
  }, 240_000);
});
