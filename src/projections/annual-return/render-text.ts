import { areaName, NATIONAL, type AreaCode } from '../../domain/shared/areas.js';
import { startYearOf } from '../../domain/shared/reporting-year.js';
import type { AnnualReturn, ReturnRow } from './return-types.js';
import { cellName, reportHeading } from './report-labels.js';

const shown = (v: number | null) => (v === null ? 'not available' : String(v));

/** `revised`: the figures (`<rowId>/<cell>`) revised since a submission, each marked ` (R)`. */
function block(row: ReturnRow, year: number, place: string, revised: ReadonlySet<string>): string[] {
  const value = (v: number | null, cell?: string) => `${shown(v)}${cell !== undefined && revised.has(`${row.id}/${cell}`) ? ' (R)' : ''}`;
  const cells = Object.entries(row.cells);
  if (row.id === 'R09' || row.id === 'E04') return [reportHeading(row, year, place), '', value(row.cells['rate'] ?? null, 'rate')];
  if (cells.length === 1 && cells[0]![0] === 'count') return [row.label, '', value(cells[0]![1], cells[0]![0])];
  if (['R11', 'R12', 'R13'].includes(row.id)) {
    const [first, ...rest] = cells;
    return [`${row.label} ${cellName(first![0])}\t${value(first![1], first![0])}`, ...rest.map(([k, v]) => `${cellName(k)}\t${value(v, k)}`)];
  }
  return [reportHeading(row, year, place), ...cells.map(([k, v]) => `${cellName(k)}\t${value(v, k)}`)];
}

/** The return laid out as the report's statistical section prints it. */
export function returnAsText(result: AnnualReturn, revised: ReadonlySet<string> = new Set()): string {
  const year = startYearOf(result.reportingYear);
  const place = result.area === NATIONAL ? 'England and Wales' : areaName(result.area as AreaCode);
  const title = `MAPPA Statistical Information ${year}/${(year + 1) % 100} - ${place}${result.provisional ? ' (provisional)' : ''}`;
  const known = result.knownAt ? [`As known at ${result.knownAt}`] : [];
  if (result.provisional) {
    known.push(`Provisional: the reporting year ${result.reportingYear} ends on 31 March ${year + 1}; the figures "at 31 March" are those recorded so far and will change.`);
  }
  const body = result.rows.map((row) => block(row, year, place, revised).join('\n'));
  return `${[title, ...known, ...body].join('\n\n')}\n`;
}
