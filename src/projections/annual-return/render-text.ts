import { areaName, NATIONAL, type AreaCode } from '../../domain/shared/areas.js';
import { startYearOf } from '../../domain/shared/reporting-year.js';
import type { AnnualReturn, ReturnRow } from './annual-return.js';

/** Headings and cell names as the published reports print them (the seed's "Facts and figures"). */
const HEADINGS: Readonly<Record<string, (year: number) => string>> = {
  R01: (y) => `Number of MAPPA eligible offenders at 31 March ${y + 1}`,
  R04: () => 'Enforcement for offenders managed via MAPP meetings Returned to custody for breach of licence',
  R05: () => 'Sent to custody for breach of Sexual Offences Prevention Order (SOPO)',
  R06: () => 'Serious Further Offences involving offenders managed via MAPP meetings Charged with a serious further offence',
  R07: (y) => `Of those charged during the year (level 2 and 3 combined) plus those who remained charged with an SFO last year, i.e. at 31 March ${y}:`,
  R08: () => 'Further data on Registered Sexual Offenders Registered Sexual Offenders in:',
};

const CATEGORY_NAMES = ['Registered Sexual Offenders', 'Violent Offenders', 'Other Dangerous Offenders'] as const;

const CELL_NAMES: Readonly<Record<string, string>> = {
  cat1: CATEGORY_NAMES[0], cat2: CATEGORY_NAMES[1], cat3: CATEGORY_NAMES[2], total: 'Total',
  level1: 'Level 1', level2: 'Level 2', level3: 'Level 3',
  convicted: 'Convicted of a serious further offence', otherOutcome: 'Other outcome', remainCharged: 'Remain charged with serious further offence',
  applied: 'Applied for', interim: 'Interim Order issued', full: 'Full Order issued',
  // Format 2015 (E01, E07, E08).
  ...Object.fromEntries([1, 2, 3].flatMap((c) => [1, 2, 3].map((l) => [`cat${c}Level${l}`, `${CATEGORY_NAMES[c - 1]}, level ${l}`]))),
  shpoInterim: 'Interim Sexual Harm Prevention Orders', shpoFull: 'Full Sexual Harm Prevention Orders',
  sroInterim: 'Interim Sexual Risk Orders', sroFull: 'Full Sexual Risk Orders',
  noInterim: 'Interim Notification Orders', noFull: 'Full Notification Orders',
  licenceLevel2: 'Breach of licence, level 2', licenceLevel3: 'Breach of licence, level 3',
  orderLevel2: 'Breach of a civil order, level 2', orderLevel3: 'Breach of a civil order, level 3',
};

const value = (v: number | null) => (v === null ? 'not available' : String(v));

function block(row: ReturnRow, year: number, place: string): string[] {
  const cells = Object.entries(row.cells);
  if (row.id === 'R09' || row.id === 'E04') return [`Total number of registered sexual offenders in ${place} per 100,000 head of population`, '', value(row.cells['rate'] ?? null)];
  if (cells.length === 1 && cells[0]![0] === 'count') return [row.label, '', value(cells[0]![1])];
  if (['R11', 'R12', 'R13'].includes(row.id)) {
    const [first, ...rest] = cells;
    return [`${row.label} ${CELL_NAMES[first![0]]}\t${value(first![1])}`, ...rest.map(([k, v]) => `${CELL_NAMES[k] ?? k}\t${value(v)}`)];
  }
  return [HEADINGS[row.id]?.(year) ?? row.label, ...cells.map(([k, v]) => `${CELL_NAMES[k] ?? k}\t${value(v)}`)];
}

/** The return laid out as the report's statistical section prints it. */
export function returnAsText(result: AnnualReturn): string {
  const year = startYearOf(result.reportingYear);
  const place = result.area === NATIONAL ? 'England and Wales' : areaName(result.area as AreaCode);
  const title = `MAPPA Statistical Information ${year}/${(year + 1) % 100} - ${place}${result.provisional ? ' (provisional)' : ''}`;
  const known = result.knownAt ? [`As known at ${result.knownAt}`] : [];
  if (result.provisional) {
    known.push(`Provisional: the reporting year ${result.reportingYear} ends on 31 March ${year + 1}; the figures "at 31 March" are those recorded so far and will change.`);
  }
  const body = result.rows.map((row) => block(row, year, place).join('\n'));
  return `${[title, ...known, ...body].join('\n\n')}\n`;
}
