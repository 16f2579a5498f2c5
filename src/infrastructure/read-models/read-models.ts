import type Database from 'better-sqlite3';
import type { PopulationBasis } from '../../domain/area/events.js';
import type { CaseArea } from '../command-handler/case-areas.js';
import type { CaseFacts } from '../../projections/annual-return/case-facts.js';
import { addCaseFacts, emptySums, mergeSums, type SummedFacts } from '../../projections/annual-return/fact-sums.js';
import type { Facts } from '../../projections/annual-return/facts.js';
import type { CaseloadEntry } from '../../projections/caseload/caseload-entry.js';
import { AccessLogTables } from './access-log-tables.js';
import { openReadModelDatabase } from './database.js';
import { SubjectStandingsTable, type SubjectStandingRow } from './subject-standings-table.js';

/** What projecting one case produced: its caseload entry and its return facts (null: none). */
export type CaseOutputs = { readonly caseId: string; readonly caseload: CaseloadEntry | null; readonly facts: CaseFacts | null };

/**
 * A case projected again: its contribution to the returns as the read models hold it (from
 * its events up to their checkpoint) and as it now is, and its caseload entry now.
 */
export type CaseChange = { readonly caseId: string; readonly caseload: CaseloadEntry | null; readonly before: CaseFacts | null; readonly after: CaseFacts | null };
export type PopulationRow = { readonly area: string; readonly year: string; readonly population: number; readonly basis: PopulationBasis; readonly source: string };

/** An open case's caseload row, as a rebuild worker hands it over (the entry already JSON). */
export type OpenCaseRow = { readonly caseId: string; readonly area: string; readonly level: number; readonly leadAgency: string; readonly entry: string };

/** Any case's area at its stream version and the day it was closed (null: open), as a rebuild worker hands it over. */
export type CaseAreaRow = readonly [caseId: string, area: string, version: number, closedOn: string | null];

/** The log the read models were built from: its store id, and the id of the event at their checkpoint. */
type LogBinding = { readonly storeId: string | null; readonly checkpointEventId: string | null };

/** The last event a batch of the log brought in: the new checkpoint. */
type LogPoint = { readonly position: bigint; readonly eventId: string };

export type ReadModelLoader = {
  addCase(outputs: CaseOutputs): void;
  addOpenCase(row: OpenCaseRow): void;
  addCaseArea(row: CaseAreaRow): void;
  addSums(sums: SummedFacts): void;
  finish(populations: readonly PopulationRow[], subjects: readonly SubjectStandingRow[], checkpoint: LogPoint | null, storeId: string): void;
  abort(): void;
};

/** Adds or removes one case's facts from the summed cells. */
type CellDelta = (kind: 'year' | 'steady', year: string, area: string, key: string, n: number) => void;

function eachFact(facts: CaseFacts, sign: 1 | -1, apply: CellDelta): void {
  for (const [year, byArea] of Object.entries(facts.years)) {
    for (const [area, byKey] of Object.entries(byArea)) for (const [key, n] of Object.entries(byKey)) apply('year', year, area, key, sign * n);
  }
  for (const [area, byKey] of Object.entries(facts.steady)) for (const [key, n] of Object.entries(byKey)) apply('steady', facts.steadyFrom, area, key, sign * n);
}

/**
 * The SQLite read models of the caseload and the annual return. Cells hold the sums of every
 * case's facts; a change to a case takes out what it contributed and puts in what it now
 * contributes (both computed from its events, so nothing per case is stored for that). The
 * caseload holds current (open) cases; `case_areas` the area of every case, open or closed, at
 * the version projected (the command handler's area index reads it: command-handler/case-areas.ts).
 */
export class ReadModels {
  readonly #db: Database.Database;
  readonly #statements;
  /** The access log's index (its own projection and checkpoint). */
  readonly accessLog: AccessLogTables;
  /** The cases' data-protection standings (restriction, erasure, reviews), with the case projections' checkpoint. */
  readonly subjects: SubjectStandingsTable;

  constructor(readonly path: string) {
    const db = (this.#db = openReadModelDatabase(path));
    this.accessLog = new AccessLogTables(db);
    this.subjects = new SubjectStandingsTable(db);
    this.#statements = {
      checkpoint: db.prepare<[], { position: string }>('SELECT position FROM checkpoint WHERE id = 1'),
      setCheckpoint: db.prepare('INSERT INTO checkpoint (id, position) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET position = excluded.position'),
      binding: db.prepare<[], { store_id: string | null; checkpoint_event_id: string | null }>('SELECT store_id, checkpoint_event_id FROM log_binding WHERE id = 1'),
      setStoreId: db.prepare('INSERT INTO log_binding (id, store_id) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET store_id = excluded.store_id'),
      setCheckpointEventId: db.prepare(
        'INSERT INTO log_binding (id, checkpoint_event_id) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET checkpoint_event_id = excluded.checkpoint_event_id',
      ),
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
      deleteCaseArea: db.prepare('DELETE FROM case_areas WHERE case_id = ?'),
      putCaseArea: db.prepare<[string, string, number, string | null]>(
        'INSERT INTO case_areas (case_id, area, version, closed_on) VALUES (?, ?, ?, ?) ON CONFLICT (case_id) DO UPDATE SET area = excluded.area, version = excluded.version, closed_on = excluded.closed_on',
      ),
      caseArea: db.prepare<[string], { area: string; version: number }>('SELECT area, version FROM case_areas WHERE case_id = ?'),
      putPopulation: db.prepare(
        'INSERT INTO area_populations (area, year, population, basis, source) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET population = excluded.population, source = excluded.source',
      ),
      cellsOfYear: db.prepare<[string], { area: string; key: string; count: number }>('SELECT area, key, count FROM return_cells WHERE year = ?'),
      cellsOfYearInArea: db.prepare<[string, string], { area: string; key: string; count: number }>('SELECT area, key, count FROM return_cells WHERE year = ? AND area = ?'),
      steadyBy: db.prepare<[string], { area: string; key: string; count: number }>('SELECT area, key, SUM(count) AS count FROM return_steady_cells WHERE from_year <= ? GROUP BY area, key'),
      steadyByInArea: db.prepare<[string, string], { area: string; key: string; count: number }>(
        'SELECT area, key, SUM(count) AS count FROM return_steady_cells WHERE area = ? AND from_year <= ? GROUP BY area, key',
      ),
      populationsOf: db.prepare<[string, string], { area: string; population: number }>('SELECT area, population FROM area_populations WHERE year = ? AND basis = ?'),
      allPopulations: db.prepare<[], PopulationRow>('SELECT area, year, population, basis, source FROM area_populations ORDER BY area, year, basis'),
      firstYear: db.prepare<[], { year: string | null }>(
        'SELECT MIN(year) AS year FROM (SELECT MIN(year) AS year FROM return_cells UNION ALL SELECT MIN(from_year) FROM return_steady_cells)',
      ),
    };
  }

  checkpoint(): bigint | null {
    const row = this.#statements.checkpoint.get();
    return row ? BigInt(row.position) : null;
  }

  binding(): LogBinding {
    const row = this.#statements.binding.get();
    return { storeId: row?.store_id ?? null, checkpointEventId: row?.checkpoint_event_id ?? null };
  }

  /** Records the store the read models follow (log-binding.ts checks it on every start). */
  bindTo(storeId: string): void {
    this.#statements.setStoreId.run(storeId);
  }

  /** Empties the read models: they were built from another log, and the log fills them again. */
  clear(): void {
    this.#db.transaction(() => {
      const tables = ['checkpoint', 'caseload', 'case_areas', 'subject_standings', 'return_cells', 'return_steady_cells', 'area_populations', 'log_binding'];
      // The access log's index is of the same log: it goes too.
      for (const table of [...tables, 'access_log_checkpoint', 'access_records', 'access_record_cases']) this.#db.exec(`DELETE FROM ${table}`);
    })();
  }

  /** Replaces the contributions of the given cases and moves the checkpoint, atomically. */
  apply(cases: readonly CaseChange[], populations: readonly PopulationRow[], checkpoint: LogPoint, subjects: readonly SubjectStandingRow[] = []): void {
    this.#db.transaction(() => {
      for (const change of cases) this.#replaceCase(change);
      for (const row of subjects) this.subjects.put(row);
      for (const p of populations) this.#statements.putPopulation.run(p.area, p.year, p.population, p.basis, p.source);
      this.#setCheckpoint(checkpoint);
    })();
  }

  #setCheckpoint(checkpoint: LogPoint): void {
    this.#statements.setCheckpoint.run(checkpoint.position.toString());
    this.#statements.setCheckpointEventId.run(checkpoint.eventId);
  }

  #replaceCase({ caseId, caseload, before, after }: CaseChange): void {
    const s = this.#statements;
    const delta: CellDelta = (kind, year, area, key, n) => {
      const add = kind === 'year' ? s.addCell : s.addSteady;
      const remove = kind === 'year' ? s.deleteCell : s.deleteSteady;
      if (add.get(year, area, key, n)?.count === 0) remove.run(year, area, key);
    };
    // Netted first: a long case contributes to many years, and a new event changes few of them.
    const net = new Map<string, { kind: 'year' | 'steady'; year: string; area: string; key: string; n: number }>();
    const add: CellDelta = (kind, year, area, key, n) => {
      const id = `${kind}\u0000${year}\u0000${area}\u0000${key}`;
      const cell = net.get(id);
      if (cell) cell.n += n;
      else net.set(id, { kind, year, area, key, n });
    };
    if (before) eachFact(before, -1, add);
    if (after) eachFact(after, 1, add);
    for (const { kind, year, area, key, n } of net.values()) if (n !== 0) delta(kind, year, area, key, n);
    this.#putCaseload(caseId, caseload);
  }

  #putCaseload(caseId: string, caseload: CaseloadEntry | null): void {
    // A case whose every event was retracted has no entry: it is known nowhere, as a rebuild finds it.
    if (caseload !== null) this.#statements.putCaseArea.run(caseId, caseload.area, caseload.version, caseload.open ? null : caseload.closedOn);
    else this.#statements.deleteCaseArea.run(caseId);
    if (caseload?.open) this.#statements.putCaseload.run(caseId, caseload.area, caseload.level, caseload.leadAgency, 1, JSON.stringify(caseload));
    else this.#statements.deleteCaseload.run(caseId);
  }

  /**
   * Fills empty read models (a rebuild) in one transaction: open cases as they come, the
   * contributions summed in memory and written once each, then the populations and checkpoint.
   */
  loader(): ReadModelLoader {
    const s = this.#statements;
    const db = this.#db;
    const restoreJournal = () => {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
    };
    const sums = emptySums();
    // Loading happens in a fresh file that is put in place only once finished (or thrown away),
    // so it needs neither a journal nor fsync while it fills; it is WAL again when finished.
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.exec('BEGIN IMMEDIATE');
    return {
      addCase: ({ caseId, caseload, facts }) => {
        if (facts) addCaseFacts(sums, facts);
        this.#putCaseload(caseId, caseload);
      },
      addOpenCase: (row) => {
        s.putCaseload.run(row.caseId, row.area, row.level, row.leadAgency, 1, row.entry);
      },
      addCaseArea: ([caseId, area, version, closedOn]) => {
        s.putCaseArea.run(caseId, area, version, closedOn);
      },
      addSums: (partial) => mergeSums(sums, partial),
      finish: (populations, subjects, checkpoint, storeId) => {
        for (const row of subjects) this.subjects.put(row);
        const write = (summed: Map<string, Facts>, add: typeof s.addCell) => {
          for (const [year, byArea] of summed) {
            for (const area in byArea) for (const key in byArea[area]) if (byArea[area]![key] !== 0) add.get(year, area, key, byArea[area]![key]!);
          }
        };
        write(sums.years, s.addCell);
        write(sums.steady, s.addSteady);
        for (const p of populations) s.putPopulation.run(p.area, p.year, p.population, p.basis, p.source);
        if (checkpoint !== null) this.#setCheckpoint(checkpoint);
        s.setStoreId.run(storeId);
        db.exec('COMMIT');
        restoreJournal();
      },
      abort: () => {
        if (db.inTransaction) db.exec('ROLLBACK');
        restoreJournal();
      },
    };
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

  /** The first reporting year any case counts in; null: no figure yet. */
  firstReportingYear(): string | null {
    return this.#statements.firstYear.get()?.year ?? null;
  }

  /** The latest population of each area for the year, on one basis (a return's rate uses its format's). */
  populations(year: string, basis: PopulationBasis): Record<string, number> {
    return Object.fromEntries(this.#statements.populationsOf.all(year, basis).map((r) => [r.area, r.population]));
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

  /** Where a case is managed, as of the version of its stream projected; undefined for a case not (yet) projected. */
  caseArea(caseId: string): CaseArea | undefined {
    return this.#statements.caseArea.get(caseId) as CaseArea | undefined;
  }

  /** Everything the read models hold, in a stable order: what "rebuild equals live" compares. */
  dump(): string {
    const keys: Record<string, string> = {
      checkpoint: 'id', caseload: 'case_id', case_areas: 'case_id', subject_standings: 'case_id', return_cells: 'year, area, key',
      return_steady_cells: 'area, from_year, key', area_populations: 'area, year, basis',
    };
    return JSON.stringify(Object.fromEntries(Object.entries(keys).map(([t, key]) => [t, this.#db.prepare(`SELECT * FROM ${t} ORDER BY ${key}`).raw().all()])));
  }

  close(): void {
    this.#db.close();
  }
}
