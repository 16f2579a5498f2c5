import { cellOf, rowOf, type AnnualReturn } from './annual-return.js';

/** One identity of docs/DOMAIN.md section 7 checked on the figures shown: whether it holds, and the sum that shows it. */
export type Identity = { readonly name: string; readonly holds: boolean; readonly equation: string };

const n = (v: number | null | undefined) => v ?? 0;
const sum = (values: readonly (number | null | undefined)[]) => values.reduce<number>((a, v) => a + n(v), 0);
const written = (parts: readonly (number | null | undefined)[], result: number | null | undefined) => `${parts.map(n).join(' + ')} = ${n(result)}`;

function identity(name: string, parts: readonly (number | null | undefined)[], result: number | null | undefined): Identity {
  return { name, holds: sum(parts) === n(result), equation: written(parts, result) };
}

/** Every row with a `total` cell: the total is the sum of the row's other cells. */
function rowTotals(r: AnnualReturn, only?: readonly string[]): Identity[] {
  return r.rows
    .filter((row) => 'total' in row.cells && (only === undefined || only.includes(row.id)))
    .map((row) => {
      const parts = Object.entries(row.cells).filter(([key]) => key !== 'total').map(([, v]) => v);
      return identity(`${row.id}: the total is the sum of its row`, parts, row.cells['total']);
    });
}

/** R07 (E10): last year's still-charged plus this year's charges end this year convicted, otherwise, or still charged. */
function chargeFlow(r: AnnualReturn, previous: AnnualReturn | undefined, charged: string, outcomes: string): Identity[] {
  if (previous === undefined || previous.format !== r.format) return [];
  const now = rowOf(r, outcomes);
  if (now === undefined) return [];
  return [
    identity(
      `${charged} total of ${r.reportingYear} plus ${outcomes} remaining charged of ${previous.reportingYear} equals ${outcomes} of ${r.reportingYear}`,
      [cellOf(r, charged, 'total'), cellOf(previous, outcomes, 'remainCharged')],
      sum([now.cells['convicted'], now.cells['otherOutcome'], now.cells['remainCharged']]),
    ),
  ];
}

function e01(r: AnnualReturn): Identity[] {
  const row = rowOf(r, 'E01');
  if (row === undefined) return [];
  const c = row.cells;
  // Format 2024 adds category 4 (docs/DOMAIN.md section 12).
  const categories = 'cat4' in c ? [1, 2, 3, 4] : [1, 2, 3];
  const cats = categories.map((cat) => identity(`E01: category ${cat} is the sum of its levels`, [1, 2, 3].map((l) => c[`cat${cat}Level${l}`]), c[`cat${cat}`]));
  const levels = [1, 2, 3].map((l) => identity(`E01: level ${l} is the sum of its categories`, categories.map((cat) => c[`cat${cat}Level${l}`]), c[`level${l}`]));
  return [
    ...cats,
    ...levels,
    identity('E01: the total is the sum of the categories', categories.map((cat) => c[`cat${cat}`]), c['total']),
    identity('E01: the total is the sum of the levels', [c['level1'], c['level2'], c['level3']], c['total']),
  ];
}

/**
 * The identities a reader can check on a return (docs/DOMAIN.md section 7): each total is the sum of
 * its row; R08 sums to R01 `cat1`; charges flow from one year to the next (with the previous
 * year's return, when given in the same format).
 */
export function identitiesOf(r: AnnualReturn, previous?: AnnualReturn): Identity[] {
  if (r.format === '2008') {
    const units = rowOf(r, 'R08');
    return [
      ...rowTotals(r),
      ...(units ? [identity('R08: the local units sum to R01 registered sexual offenders', Object.values(units.cells), cellOf(r, 'R01', 'cat1'))] : []),
      ...chargeFlow(r, previous, 'R06', 'R07'),
    ];
  }
  return [...e01(r), ...rowTotals(r, ['E02', 'E03', 'E08', 'E09']), ...chargeFlow(r, previous, 'E09', 'E10')];
}
