import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandOf } from '../../src/domain/case/commands.js';
import { addYears } from '../../src/domain/shared/business-date.js';
import { makeDemoDirectory } from '../../bench/synthetic/demo-log.js';
import { NORTH_EAST_SEED, northEastHistory } from '../../bench/synthetic/north-east-history.js';
import { runNorthEastDemo, type NorthEastOutcome } from '../../bench/synthetic/north-east-demo.js';
import { NORTH_EAST, PUBLISHED_RSOS, PUBLISHED_YEARS } from '../../bench/synthetic/north-east/published.js';
import { runTs } from '../support/run-process.js';

/** The 42 figures of the brief, written out again here so a slip in the demo's own table shows. */
const EXPECTED: Readonly<Record<string, readonly number[]>> = {
  durham: [446, 485, 479, 539, 576, 608, 669, 760, 787, 842, 901, 941, 1007, 1123],
  teesside: [417, 545, 559, 620, 662, 674, 704, 814, 821, 814, 1084, 1104, 1116, 912],
  northumbria: [1038, 1115, 1179, 1192, 1260, 1376, 1493, 1537, 1644, 1801, 1774, 1895, 2053, 2032],
};

const FIGURES = Object.entries(EXPECTED).flatMap(([area, figures]) => figures.map((figure, i) => [area, PUBLISHED_YEARS[i]!, figure] as const));

describe('npm run demo -- north-east: the synthetic North East history gives the published RSO figures', () => {
  const dir = makeDemoDirectory();
  let demo: NorthEastOutcome;

  // Entering some 60,000 commands one business day at a time takes a while on a busy machine.
  beforeAll(async () => {
    demo = await runNorthEastDemo(dir.path);
  }, 300_000);
  afterAll(() => dir.remove());

  it('reproduces the table of the brief, 14 years for 3 areas', () => {
    expect(PUBLISHED_YEARS).toEqual(['2010-11', '2011-12', '2012-13', '2013-14', '2014-15', '2015-16', '2016-17', '2017-18', '2018-19', '2019-20', '2020-21', '2021-22', '2022-23', '2023-24']);
    expect(PUBLISHED_RSOS).toEqual(EXPECTED);
    expect(FIGURES).toHaveLength(42);
  });

  it.each(FIGURES)("%s %s: the return's cat1 cell counts %i in the community on 31 March", (area, year, figure) => {
    const result = demo.returns[area as (typeof NORTH_EAST)[number]][year]!;
    const [format, rowId] = year <= '2014-15' ? ['2008', 'R01'] : ['2015', 'E01'];
    expect(result.area).toBe(area);
    expect(result.reportingYear).toBe(year);
    expect(result.format).toBe(format);
    expect(result.rows.find((r) => r.id === rowId)?.cells['cat1']).toBe(figure);
  });

  it('prints the figures it read from the returns, one year a line, and says they equal the published ones', () => {
    for (const [i, year] of PUBLISHED_YEARS.entries()) {
      const line = demo.text.split('\n').find((l) => l.startsWith(year));
      expect(line?.split(/\s+/)).toEqual([year, year <= '2014-15' ? '2008' : '2015', ...NORTH_EAST.map((a) => String(EXPECTED[a]![i]))]);
    }
    expect(demo.differences).toBe(0);
    expect(demo.text).toContain('All 42 figures equal the published ones');
  });

  it("records each area's 2023-24 population aged 10 and over, as an estimate, and says so", () => {
    const recorded = demo.populations.map((p) => [p.area, p.year, p.population, p.basis]);
    expect(recorded).toEqual([
      ['durham', '2023-24', 573_000, 'aged-10-plus'],
      ['northumbria', '2023-24', 1_317_000, 'aged-10-plus'],
      ['teesside', '2023-24', 518_000, 'aged-10-plus'],
    ]);
    expect(demo.populations.every((p) => p.source.startsWith('estimate'))).toBe(true);
    // Durham's estimate is one its published rate allows: 1,123 RSOs at 196 per 100,000, rounded half up.
    expect(Math.floor((1123 * 100_000) / 573_000 + 0.5)).toBe(196);
    expect(demo.text).toMatch(/durham\s+573,000\s+estimate implied by the published 2023-24 rate of 196/);
    expect(demo.text).toContain('These are estimates, not published population figures.');
  });

  it("durham's 2023-24 rate is 196 per 100,000 aged 10 and over: E04 of its return in format 2024, on the recorded population of 573,000", () => {
    expect(demo.rates.durham).toBe(196);
    expect(demo.returns.durham['2023-24']!.rows.find((r) => r.id === 'E01')?.cells['cat1']).toBe(1123);
    expect(demo.text).toMatch(/durham\s+196\n/);
    // The default format of 2023-24 (2015) rates on all ages, and no all-ages population is recorded.
    expect(demo.returns.durham['2023-24']!.rows.find((r) => r.id === 'E04')?.cells['rate']).toBeNull();
  });

  it('entered every command of a history from the start of MAPPA to September 2024', () => {
    const commands = demo.history.scripts.reduce((n, s) => n + s.commands.length, 0);
    expect(demo.issued.commands).toBe(commands);
    expect(demo.issued.cases).toBe(demo.history.scripts.length);
    expect(demo.issued.cases).toBeGreaterThan(8000);
    expect(demo.issued.firstDay).toBe('2010-03-31');
    expect(demo.issued.lastDay).toBe('2024-09-30');
    expect(demo.storedEvents).toBe(demo.issued.events + 3);
  });

  it('migrates the run-in on 31 March 2010, then enters each fact on a weekday on or after its date', () => {
    const entries = demo.history.scripts.flatMap((s) => s.commands);
    const weekday = (d: string) => new Date(`${d}T12:00:00Z`).getUTCDay();
    expect(entries.every((e) => e.recordedOn >= e.command.occurredOn)).toBe(true);
    expect(entries.every((e) => e.recordedOn >= '2010-03-31' && weekday(e.recordedOn) >= 1 && weekday(e.recordedOn) <= 5)).toBe(true);
    const migrated = entries.filter((e) => e.recordedOn === '2010-03-31');
    expect(migrated.some((e) => e.command.occurredOn < '2002-01-01')).toBe(true);
    const sameDay = entries.filter((e) => e.command.occurredOn >= '2010-04-01' && e.recordedOn === e.command.occurredOn).length;
    expect(sameDay / entries.filter((e) => e.command.occurredOn >= '2010-04-01').length).toBeGreaterThan(0.4);
  });

  it('reaches the figures mostly with newcomers, rarely by taking someone out of the count', () => {
    const published = demo.history.steering.filter((s) => PUBLISHED_YEARS.includes(s.year));
    expect(published).toHaveLength(42);
    for (const s of published) {
      expect(s.stillCounted - s.leftTheCount + s.newlyCounted).toBe(s.figure);
      expect(s.newlyCounted).toBeGreaterThanOrEqual(Math.ceil(0.06 * s.figure));
    }
    const left = published.reduce((n, s) => n + s.leftTheCount, 0);
    const total = published.reduce((n, s) => n + s.figure, 0);
    expect(left / total).toBeLessThan(0.01);
  });

  it('is a plausible history: disposals, ages, custody, lapses, deaths, moves and closures', () => {
    const all = demo.history.scripts.flatMap((s) => s.commands.map((c) => c.command));
    const ofType = <T extends (typeof all)[number]['type']>(type: T) => all.filter((c): c is CommandOf<T> => c.type === type);
    const referrals = ofType('ReferOffender');
    const rsoBases = referrals.flatMap((r) => (r.basis.kind === 'registered-sexual-offender' ? [{ basis: r.basis, dob: r.subject.dateOfBirth }] : []));
    expect(rsoBases).toHaveLength(referrals.length);
    expect(new Set(rsoBases.map((b) => b.basis.disposal))).toEqual(new Set(['custody', 'hospital', 'hospital-restriction', 'caution', 'conditional-discharge', 'other']));
    const under18 = rsoBases.filter((b) => b.basis.relevantDate < addYears(b.dob, 18)).length / rsoBases.length;
    expect(under18).toBeGreaterThan(0.02);
    expect(under18).toBeLessThan(0.15);
    expect(rsoBases.every((b) => b.dob >= '1920-01-01' && b.basis.relevantDate >= addYears(b.dob, 10))).toBe(true);
    // A run-in: the register's earlier years referred as MAPPA began, and a caseload before 2010.
    expect(referrals.some((r) => r.basis.kind === 'registered-sexual-offender' && r.basis.relevantDate < '2001-04-02')).toBe(true);
    expect(referrals.filter((r) => r.occurredOn < '2010-04-01').length).toBeGreaterThan(2000);

    expect(new Set(ofType('RecordCustody').map((c) => c.reason))).toEqual(new Set(['remand', 'sentence']));
    expect(ofType('RecallOnLicence').length).toBeGreaterThan(100);
    expect(ofType('RecordRelease').length).toBeGreaterThan(1000);
    const ended = ofType('EndEligibilityBasis');
    expect(new Set(ended.map((c) => c.reason))).toEqual(new Set(['period-expired', 'revoked-on-review']));
    expect(ended.filter((c) => c.reason === 'revoked-on-review').every((c) => c.occurredOn >= '2012-09-01')).toBe(true);
    expect(ofType('AddEligibilityBasis').some((c) => c.basis.kind === 'registered-sexual-offender')).toBe(true);
    expect(ofType('RecordDeath').length).toBeGreaterThan(50);
    expect(new Set(ofType('CloseCase').map((c) => c.reason))).toEqual(new Set(['no-longer-eligible', 'left-jurisdiction']));
    expect(ofType('ReopenCase').length).toBeGreaterThan(0);

    const northEast = new Set<string>(NORTH_EAST);
    const transfers = ofType('TransferCase');
    expect(transfers.some((t) => northEast.has(t.toArea))).toBe(true);
    expect(transfers.some((t) => !northEast.has(t.toArea))).toBe(true);
    expect(referrals.some((r) => !northEast.has(r.area))).toBe(true);
    // Something happens every year of the history.
    const years = new Set(all.map((c) => c.occurredOn.slice(0, 4)));
    expect([...years].sort()).toEqual(Array.from({ length: 24 }, (_, i) => String(2001 + i)));
  });

  it('is the same history for the same seed, and another history for another seed', () => {
    expect(JSON.stringify(northEastHistory(NORTH_EAST_SEED))).toBe(JSON.stringify(demo.history));
    expect(JSON.stringify(northEastHistory(7).scripts.slice(0, 50))).not.toBe(JSON.stringify(demo.history.scripts.slice(0, 50)));
  });
});

describe('npm run demo', () => {
  it('without a name still prints the Cumbria 2008-09 return', async () => {
    const run = await runTs('bench/demo.ts', [], {}, { timeoutMs: 120_000 });
    expect(run.code).toBe(0);
    expect(run.stdout.startsWith('MAPPA Statistical Information 2008/9 - Cumbria\n')).toBe(true);
    expect(run.stdout).toContain('Registered Sexual Offenders\t290\n');
  }, 130_000);

  it('refuses a demo it does not know, naming those it does', async () => {
    const run = await runTs('bench/demo.ts', ['yorkshire'], {}, { timeoutMs: 60_000 });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('unknown demo "yorkshire"');
    expect(run.stderr).toContain('cumbria | north-east');
  }, 70_000);
});
