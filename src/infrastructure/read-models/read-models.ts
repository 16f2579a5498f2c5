import type Database from 'better-sqlite3';
import type { CaseFacts } from '../../projections/annual-return/case-facts.js';
import type { Facts } from '../../projections/annual-return/facts.js';
import type { CaseloadEntry } from '../../projections/caseload/caseload-entry.js';
import { openReadModelDatabase } from './database.js';

/** What projecting one case produced: its caseload entry and its return facts (null: no longer any). */
export type CaseOutputs = { readonly caseId: string; readonly caseload: CaseloadEntry | null; readonly facts: CaseFacts | null };
export type PopulationRow = { readonly area: string; readonly year: string; readonly population: number; readonly basis: string; readonly source: string };

/** Adds or removes one case's facts from the summed cells. */
type CellDelta = (kind: 'year' | 'steady', year: string, area: string, key: string, n: number) => void;

/** Adds counts into summed facts (plain loops: a rebuild adds every case's facts). */
function addFacts(into: Facts, from: Facts): void {
  for (const area in from) {
    const target = (into[area] ??= {});
    const byKey = from[area]!;
    for (const key in byKey) target[key] = (target[key] ?? 0) + byKey[key]!;
  }
}

function eachFact(facts: CaseFacts, sign: 1 | -1, apply: CellDelta): void {
  for (const [year, byArea] of Object.entries(facts.years)) {
    for (const [area, byKey] of Object.entries(byArea)) for (const [key, n] of Object.entries(byKey)) apply('year', year, area, key, sign * n);
  }
  for (const [area, byKey] of Object.entries(facts.steady)) for (const [key, n] of Object.entries(byKey)) apply('steady', facts.steadyFrom, area, key, sign * n);
}

/**
 * The SQLite read models of the caseload and the annual return. Cells hold the sums of
 * every case's facts; each case's own facts are kept so that a change to the case replaces
 * its contribution exactly.
 */
export class ReadModels {
  readonly #db: Database.Database;
  readonly #statements;

  constructor(readonly path: string) {
    const db = (this.#db = openReadModelDatabase(path));
    this.#statements = {
      checkpoint: db.prepare<[], { position: string }>('SELECT position FROM checkpoint WHERE id = 1'),
      setCheckpoint: db.prepare('INSERT INTO checkpoint (id, position) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET position = excluded.position'),
      caseFacts: db.prepare<[string], { facts: string }>('SELECT facts FROM case_facts WHERE case_id = ?'),
      putCaseFacts: db.prepare('INSERT INTO case_facts (case_id, facts) VALUES (?, ?) ON CONFLICT (case_id) DO UPDATE SET facts = excluded.facts'),
      deleteCaseFacts: db.prepare('DELETE FROM case_facts WHERE case_id = ?'),
      addCell: db.prepare<[string, string, string, number], { count: number }>(
        'INSERT INTO return_cells (year, area, key, count) VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET count = count + excluded.count RETURNING count',
      ),
      deleteCell: db.prepare('DELETE FROM return_cells WHERE year = ? AND area = ? AND key = ?'),
      addSteady: db.prepare<[string, string, string, number], { count: number }>(
        'INSERT INTO return_steady_cells (from_year, area, key, count) VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET count = count + excluded.count RETURNING count',
      ),
      deleteSteady: db.prepare('DELETE FROM return_steady_cells WHERE from_year = ? AND area = ? AND key = ?'),
      putCaseload: db.prepare(
        'INSERT INTO caseload (case_id, area, level, lead_agency, open, entry) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (case_id) DO UPDATE SET area = excluded.area, level = excluded.level, lead_agency = excluded.lead_agency, open = excluded.open, entry = excluded.entry',
      ),
      deleteCaseload: db.prepare('DELETE FROM caseload WHERE case_id = ?'),
      putPopulation: db.prepare(
        'INSERT INTO area_populations (area, year, population, basis, source) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET population = excluded.population, basis = excluded.basis, source = excluded.source',
      ),
      cellsOfYear: db.prepare<[string], { area: string; key: string; count: number }>('SELECT area, key, count FROM return_cells WHERE year = ?'),
      cellsOfYearInArea: db.prepare<[string, string], { area: string; key: string; count: number }>('SELECT area, key, count FROM return_cells WHERE year = ? AND area = ?'),
      steadyBy: db.prepare<[string], { area: string; key: string; count: number }>('SELECT area, key, SUM(count) AS count FROM return_steady_cells WHERE from_year <= ? GROUP BY area, key'),
      steadyByInArea: db.prepare<[string, string], { area: string; key: string; count: number }>(
        'SELECT area, key, SUM(count) AS count FROM return_steady_cells WHERE area = ? AND from_year <= ? GROUP BY area, key',
      ),
      populationsOf: db.prepare<[string], { area: string; population: number }>('SELECT area, population FROM area_populations WHERE year = ?'),
      allPopulations: db.prepare<[], PopulationRow>('SELECT area, year, population, basis, source FROM area_populations ORDER BY area, year'),
    };
  }

  checkpoint(): bigint | null {
    const row = this.#statements.checkpoint.get();
    return row ? BigInt(row.position) : null;
  }

  /** Replaces the outputs of the given cases and moves the checkpoint, atomically. */
  apply(cases: readonly CaseOutputs[], populations: readonly PopulationRow[], checkpoint: bigint): void {
    this.#db.transaction(() => {
      for (const outputs of cases) this.#replaceCase(outputs);
      for (const p of populations) this.#statements.putPopulation.run(p.area, p.year, p.population, p.basis, p.source);
      this.#statements.setCheckpoint.run(checkpoint.toString());
    })();
  }

  #replaceCase({ caseId, caseload, facts }: CaseOutputs): void {
    const s = this.#statements;
    const old = s.caseFacts.get(caseId);
    const delta: CellDelta = (kind, year, area, key, n) => {
      const add = kind === 'year' ? s.addCell : s.addSteady;
      const remove = kind === 'year' ? s.deleteCell : s.deleteSteady;
      if (add.get(year, area, key, n)?.count === 0) remove.run(year, area, key);
    };
    if (old) eachFact(JSON.parse(old.facts) as CaseFacts, -1, delta);
    if (facts) {
      eachFact(facts, 1, delta);
      s.putCaseFacts.run(caseId, JSON.stringify(facts));
    } else if (old) s.deleteCaseFacts.run(caseId);
    if (caseload) s.putCaseload.run(caseId, caseload.area, caseload.level, caseload.leadAgency, caseload.open ? 1 : 0, JSON.stringify(caseload));
    else s.deleteCaseload.run(caseId);
  }

  /**
   * Fills empty read models in one transaction (a rebuild): cells are summed in memory and
   * written once each, instead of one upsert per case.
   */
  load(cases: Iterable<CaseOutputs>, populations: readonly PopulationRow[], checkpoint: bigint | null): void {
    const s = this.#statements;
    // Sums by year (or steady-from year), then area and key: the facts' own shape, so adding a
    // case's facts builds no key string per fact.
    const cells = new Map<string, Facts>();
    const steady = new Map<string, Facts>();
    const sumInto = (sums: Map<string, Facts>, year: string, facts: Facts) => {
      let target = sums.get(year);
      if (target === undefined) sums.set(year, (target = {}));
      addFacts(target, facts);
    };
    const write = (sums: Map<string, Facts>, add: typeof s.addCell) => {
      for (const [year, byArea] of sums) {
        for (const area in byArea) for (const key in byArea[area]) if (byArea[area]![key] !== 0) add.get(year, area, key, byArea[area]![key]!);
      }
    };
    this.#db.transaction(() => {
      for (const { caseId, caseload, facts } of cases) {
        if (facts) {
          for (const year in facts.years) sumInto(cells, year, facts.years[year]!);
          sumInto(steady, facts.steadyFrom, facts.steady);
          s.putCaseFacts.run(caseId, JSON.stringify(facts));
        }
        if (caseload) s.putCaseload.run(caseId, caseload.area, caseload.level, caseload.leadAgency, caseload.open ? 1 : 0, JSON.stringify(caseload));
      }
      write(cells, s.addCell);
      write(steady, s.addSteady);
      for (const p of populations) s.putPopulation.run(p.area, p.year, p.population, p.basis, p.source);
      if (checkpoint !== null) s.setCheckpoint.run(checkpoint.toString());
    })();
  }

  /** The summed facts of a reporting year, for one area or (area undefined) all of them. */
  returnFacts(year: string, area?: string): Facts {
    const s = this.#statements;
    const facts: Facts = {};
    const add = ({ area: a, key, count }: { area: string; key: string; count: number }) => {
      const byKey = (facts[a] ??= {});
      byKey[key] = (byKey[key] ?? 0) + count;
    };
    (area === undefined ? s.cellsOfYear.all(year) : s.cellsOfYearInArea.all(year, area)).forEach(add);
    (area === undefined ? s.steadyBy.all(year) : s.steadyByInArea.all(area, year)).forEach(add);
    return facts;
  }

  populations(year: string): Record<string, number> {
    return Object.fromEntries(this.#statements.populationsOf.all(year).map((r) => [r.area, r.population]));
  }

  allPopulations(): PopulationRow[] {
    return this.#statements.allPopulations.all();
  }

  /** Caseload entries of the given areas (undefined: every area), open cases only unless asked. */
  caseload(areas: readonly string[] | undefined, options: { includeClosed?: boolean } = {}): CaseloadEntry[] {
    const open = options.includeClosed ? '' : ' AND open = 1';
    const rows =
      areas === undefined
        ? this.#db.prepare<[], { entry: string }>(`SELECT entry FROM caseload WHERE 1 = 1${open} ORDER BY case_id`).all()
        : this.#db
            .prepare<string[], { entry: string }>(`SELECT entry FROM caseload WHERE area IN (${areas.map(() => '?').join(',')})${open} ORDER BY case_id`)
            .all(...areas);
    return rows.map((r) => JSON.parse(r.entry) as CaseloadEntry);
  }

  /** Everything the read models hold, in a stable order: what "rebuild equals live" compares. */
  dump(): string {
    const keys: Record<string, string> = {
      checkpoint: 'id', caseload: 'case_id', case_facts: 'case_id', return_cells: 'year, area, key',
      return_steady_cells: 'area, from_year, key', area_populations: 'area, year',
    };
    return JSON.stringify(Object.fromEntries(Object.entries(keys).map(([t, key]) => [t, this.#db.prepare(`SELECT * FROM ${t} ORDER BY ${key}`).raw().all()])));
  }

  close(): void {
    this.#db.close();
  }
}
