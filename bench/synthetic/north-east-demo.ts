import type { AnnualReturn } from '../../src/projections/annual-return/return-types.js';
import type { ProjectionsInThread } from '../../src/infrastructure/read-models/projections-in-thread.js';
import type { PopulationRow } from '../../src/infrastructure/read-models/read-models.js';
import { historyLine, withDemoLog } from './demo-log.js';
import type { IssueReport } from './issue-history.js';
import { NORTH_EAST_HISTORY_END, NORTH_EAST_SEED, northEastHistory, type NorthEastHistory } from './north-east-history.js';
import { AGED_10_PLUS_2023_24, NORTH_EAST, PUBLISHED_YEARS, publishedFigure, type NorthEastArea } from './north-east/published.js';

/** The year whose populations are recorded: the last published figure's. */
const POPULATION_YEAR = '2023-24';

/**
 * Registered sexual offenders in the community on 31 March, as a return reports them: R01
 * `cat1` in format 2008 (the default to 2014-15), E01 `cat1` in format 2015 (from 2015-16).
 */
export function registeredInCommunity(result: AnnualReturn): number {
  const rowId = ((): string => {
    switch (result.format) {
      case '2008':
        return 'R01';
      case '2015':
      case '2024':
        return 'E01';
      default: {
        const unknown: never = result.format;
        throw new Error(`no registered-offender row known for format ${String(unknown)}`);
      }
    }
  })();
  const cell = result.rows.find((r) => r.id === rowId)?.cells.cat1;
  if (typeof cell !== 'number') throw new Error(`${result.area} ${result.reportingYear}: no ${rowId} cat1 cell`);
  return cell;
}

export type NorthEastFigures = Readonly<Record<NorthEastArea, Readonly<Record<string, number>>>>;

export type NorthEastOutcome = {
  /** The engine's return for each area and year, in the year's default format. */
  readonly returns: Readonly<Record<NorthEastArea, Readonly<Record<string, AnnualReturn>>>>;
  /** Each area's figure for each year, read from those returns. */
  readonly figures: NorthEastFigures;
  /** Figures that differ from the published ones. */
  readonly differences: number;
  /** The populations in the read models once the log was projected. */
  readonly populations: readonly PopulationRow[];
  /** Each area's 2023-24 rate of RSOs per 100,000 aged 10 and over: E04 of its return in format 2024. */
  readonly rates: Readonly<Record<NorthEastArea, number | null>>;
  readonly history: NorthEastHistory;
  readonly text: string;
  readonly issued: IssueReport;
  readonly storedEvents: number;
};

async function readReturns(projections: ProjectionsInThread) {
  const returns = Object.fromEntries(NORTH_EAST.map((a) => [a, {} as Record<string, AnnualReturn>])) as Record<NorthEastArea, Record<string, AnnualReturn>>;
  for (const reportingYear of PUBLISHED_YEARS) {
    for (const area of NORTH_EAST) returns[area][reportingYear] = await projections.annualReturn({ area, reportingYear });
  }
  const rates = {} as Record<NorthEastArea, number | null>;
  for (const area of NORTH_EAST) {
    const rated = await projections.annualReturn({ area, reportingYear: POPULATION_YEAR, format: '2024' });
    rates[area] = rated.rows.find((r) => r.id === 'E04')?.cells['rate'] ?? null;
  }
  return { returns, rates, populations: projections.readModels.allPopulations() };
}

/** Builds the North East history in a fresh SQLite store under `dir`, projects it and reads the 42 figures from the returns. */
export async function runNorthEastDemo(dir: string, seed = NORTH_EAST_SEED): Promise<NorthEastOutcome> {
  const history = northEastHistory(seed);
  const log = await withDemoLog(
    dir,
    {
      scripts: history.scripts,
      seed,
      actors: NORTH_EAST.map((area) => ({ id: `${area}-mappa-coordinator`, role: 'coordinator' as const, agency: 'police' as const })),
      end: NORTH_EAST_HISTORY_END,
      populations: NORTH_EAST.map((area) => ({ area, reportingYear: POPULATION_YEAR, basis: 'aged-10-plus' as const, ...AGED_10_PLUS_2023_24[area] })),
    },
    readReturns,
  );
  const { returns, rates, populations } = log.answer;
  const figures = Object.fromEntries(
    NORTH_EAST.map((a) => [a, Object.fromEntries(PUBLISHED_YEARS.map((y) => [y, registeredInCommunity(returns[a][y]!)]))]),
  ) as Record<NorthEastArea, Record<string, number>>;
  const formats = Object.fromEntries(PUBLISHED_YEARS.map((y) => [y, returns.durham[y]!.format]));
  const differences = PUBLISHED_YEARS.reduce((n, y) => n + NORTH_EAST.filter((a) => figures[a][y] !== publishedFigure(a, y)).length, 0);
  const text = [...figureTable(figures, formats), '', ...populationLines(rates), '', historyLine(log), ''].join('\n');
  return { returns, figures, differences, populations, rates, history, text, issued: log.issued, storedEvents: log.storedEvents };
}

function figureTable(figures: NorthEastFigures, formats: Readonly<Record<string, string>>): string[] {
  const width = 14;
  const cell = (area: NorthEastArea, year: string) => {
    const figure = figures[area][year]!;
    const published = publishedFigure(area, year);
    return (figure === published ? String(figure) : `${figure} (${published}!)`).padStart(width);
  };
  const differing = PUBLISHED_YEARS.flatMap((y) => NORTH_EAST.filter((a) => figures[a][y] !== publishedFigure(a, y)));
  return [
    'Registered sexual offenders in the community on 31 March: the North East MAPPA areas',
    "Each figure is the cat1 cell of the area's annual return for the year (R01 in format 2008, E01 in format 2015),",
    'counted by the engine from the synthetic history below.',
    '',
    `${'year'.padEnd(9)}${'format'.padEnd(8)}${NORTH_EAST.map((a) => a.padStart(width)).join('')}`,
    ...PUBLISHED_YEARS.map((y) => `${y.padEnd(9)}${(formats[y] ?? '').padEnd(8)}${NORTH_EAST.map((a) => cell(a, y)).join('')}`),
    '',
    differing.length === 0
      ? `All ${PUBLISHED_YEARS.length * NORTH_EAST.length} figures equal the published ones (MoJ MAPPA Area Tables, as reported).`
      : `${differing.length} of ${PUBLISHED_YEARS.length * NORTH_EAST.length} figures differ from the published ones (shown in brackets with "!").`,
  ];
}

function populationLines(rates: Readonly<Record<NorthEastArea, number | null>>): string[] {
  return [
    `Populations aged 10 and over recorded for ${POPULATION_YEAR} (PUT /areas/{area}/population/${POPULATION_YEAR}, basis aged-10-plus):`,
    ...NORTH_EAST.map((a) => `  ${a.padEnd(12)}${AGED_10_PLUS_2023_24[a].population.toLocaleString('en-GB').padStart(10)}  ${AGED_10_PLUS_2023_24[a].source}`),
    'These are estimates, not published population figures.',
    '',
    `Registered sexual offenders per 100,000 aged 10 and over, ${POPULATION_YEAR} (E04 of the return in format 2024):`,
    ...NORTH_EAST.map((a) => `  ${a.padEnd(12)}${String(rates[a] ?? 'not available').padStart(10)}`),
  ];
}
