import { AREA_CODES } from '../../domain/shared/areas.js';
import type { ReturnFormat, ReturnRow } from './return-types.js';
import { unitName, type Facts } from './facts.js';

/** Facts of the areas a return covers (one area, or all 42 for England and Wales), and their populations. */
type ReturnInput = {
  readonly facts: Facts;
  /** Population per area for the year; an area without one is absent. */
  readonly populations: Readonly<Record<string, number>>;
  readonly national: boolean;
};

/** The categories a format has columns for: category 4 from format 2024 (docs/DOMAIN.md section 12). */
type Categories = readonly number[];
const CATEGORIES_1_TO_3: Categories = [1, 2, 3];
const CATEGORIES_1_TO_4: Categories = [1, 2, 3, 4];
const LEVELS = [1, 2, 3] as const;

/** Sums a fact over the covered areas; `match` selects keys by prefix pattern. */
function total(input: ReturnInput, match: (key: string) => boolean): number {
  let sum = 0;
  for (const [key, n] of keyTotals(input)) if (match(key)) sum += n;
  return sum;
}

/** Each key summed over the covered areas once per return: a national return asks for dozens of totals over 42 areas. */
const summedKeys = new WeakMap<Facts, Map<string, number>>();
function keyTotals(input: ReturnInput): Map<string, number> {
  let totals = summedKeys.get(input.facts);
  if (totals === undefined) {
    totals = new Map();
    for (const byKey of Object.values(input.facts)) for (const [key, n] of Object.entries(byKey)) totals.set(key, (totals.get(key) ?? 0) + n);
    summedKeys.set(input.facts, totals);
  }
  return totals;
}
const exactly = (input: ReturnInput, key: string) => total(input, (k) => k === key);
const startsWith = (input: ReturnInput, prefix: string) => total(input, (k) => k.startsWith(prefix));

const withTotal = (cells: Record<string, number>): Record<string, number> => ({
  ...cells,
  total: Object.values(cells).reduce((a, b) => a + b, 0),
});

// A format without a category-4 column leaves such cases out of its rows: every total stays the sum of its row.
const eligibleByCategory = (input: ReturnInput) =>
  withTotal(Object.fromEntries(CATEGORIES_1_TO_3.map((c) => [`cat${c}`, startsWith(input, `snapshot:${c}:`)])));

const managedByCategory = (input: ReturnInput, level: 2 | 3, categories: Categories) =>
  withTotal(Object.fromEntries(categories.map((c) => [`cat${c}`, exactly(input, `managed:${level}:${c}`)])));

const byLevel2And3 = (input: ReturnInput, key: (level: number) => string) =>
  withTotal({ level2: exactly(input, key(2)), level3: exactly(input, key(3)) });

const sfoOutcomes = (input: ReturnInput) => ({
  convicted: exactly(input, 'sfoOutcome:convicted'),
  otherOutcome: exactly(input, 'sfoOutcome:other'),
  remainCharged: exactly(input, 'sfoOutcome:remain'),
});

/** R08: category-1 snapshot by local unit (national returns name units by area, so they stay apart). */
function byLocalUnit(input: ReturnInput): Record<string, number> {
  const cells: Record<string, number> = {};
  for (const [area, byKey] of Object.entries(input.facts)) {
    for (const [key, n] of Object.entries(byKey)) {
      if (!key.startsWith('snapshot:1:')) continue;
      const unit = unitName(key.split(':')[3]!);
      const name = input.national ? `${area}/${unit}` : unit;
      cells[name] = (cells[name] ?? 0) + n;
    }
  }
  return Object.fromEntries(Object.entries(cells).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** R09/E04: per 100,000, rounded half up; null unless every covered area has a population (on the format's basis: the caller's choice). */
function rate(input: ReturnInput): number | null {
  const areas = input.national ? AREA_CODES : Object.keys(input.populations);
  if (areas.length === 0 || areas.some((a) => input.populations[a] === undefined)) return null;
  const population = areas.reduce((sum, a) => sum + input.populations[a]!, 0);
  return Math.floor((startsWith(input, 'snapshot:1:') * 100_000) / population + 0.5);
}

const orders = (input: ReturnInput, type: string) => ({
  applied: exactly(input, `order:${type}:applied`),
  interim: exactly(input, `order:${type}:interim`),
  full: exactly(input, `order:${type}:full`),
});

function rows2008(input: ReturnInput): ReturnRow[] {
  return [
    { id: 'R01', label: 'Number of MAPPA eligible offenders at 31 March', cells: eligibleByCategory(input) },
    { id: 'R02', label: 'Offenders managed via MAPP meetings - Level 2', cells: managedByCategory(input, 2, CATEGORIES_1_TO_3) },
    { id: 'R03', label: 'Offenders managed via MAPP meetings - Level 3', cells: managedByCategory(input, 3, CATEGORIES_1_TO_3) },
    { id: 'R04', label: 'Returned to custody for breach of licence', cells: byLevel2And3(input, (l) => `recall:${l}`) },
    { id: 'R05', label: 'Sent to custody for breach of SOPO', cells: byLevel2And3(input, (l) => `orderCustody:SOPO:${l}`) },
    { id: 'R06', label: 'Charged with a serious further offence', cells: byLevel2And3(input, (l) => `sfoCharged:${l}`) },
    { id: 'R07', label: 'Of those charged during the year plus those who remained charged at the previous 31 March', cells: sfoOutcomes(input) },
    { id: 'R08', label: 'Further data on Registered Sexual Offenders in', cells: byLocalUnit(input) },
    { id: 'R09', label: 'Registered sexual offenders per 100,000 head of population', cells: { rate: rate(input) } },
    { id: 'R10', label: 'Registered Sexual Offenders cautioned or convicted for breach of notification requirements', cells: { count: exactly(input, 'notificationBreach') } },
    { id: 'R11', label: 'Sexual Offences Prevention Orders', cells: orders(input, 'SOPO') },
    { id: 'R12', label: 'Notification Orders', cells: orders(input, 'NO') },
    { id: 'R13', label: 'Foreign Travel Orders', cells: orders(input, 'FTO') },
  ];
}

function eligibleByCategoryAndLevel(input: ReturnInput, categories: Categories): Record<string, number> {
  const cells: Record<string, number> = {};
  for (const c of categories) for (const l of LEVELS) cells[`cat${c}Level${l}`] = startsWith(input, `snapshot:${c}:${l}:`);
  for (const c of categories) cells[`cat${c}`] = startsWith(input, `snapshot:${c}:`);
  const counted = (key: string) => key.startsWith('snapshot:') && categories.includes(Number(key.split(':')[1]));
  for (const l of LEVELS) cells[`level${l}`] = total(input, (k) => counted(k) && k.split(':')[2] === String(l));
  cells['total'] = total(input, counted);
  return cells;
}

type Format2015Family = { readonly categories: Categories; readonly rateLabel: string };

/** Format 2015, and format 2024: the same rows with category 4 and the rate on the population aged 10 and over. */
function rows2015(input: ReturnInput, { categories, rateLabel }: Format2015Family): ReturnRow[] {
  const licence = byLevel2And3(input, (l) => `recall:${l}`);
  const order = byLevel2And3(input, (l) => `anyOrderCustody:${l}`);
  return [
    { id: 'E01', label: 'MAPPA eligible offenders on 31 March, by category and level', cells: eligibleByCategoryAndLevel(input, categories) },
    { id: 'E02', label: 'Level 2 offenders in the year', cells: managedByCategory(input, 2, categories) },
    { id: 'E03', label: 'Level 3 offenders in the year', cells: managedByCategory(input, 3, categories) },
    { id: 'E04', label: rateLabel, cells: { rate: rate(input) } },
    { id: 'E05', label: 'RSOs cautioned or convicted for breach of notification requirements', cells: { count: exactly(input, 'notificationBreach') } },
    { id: 'E06', label: 'RSOs whose indefinite notification was revoked on review', cells: { count: exactly(input, 'revokedOnReview') } },
    {
      id: 'E07',
      label: 'Restrictive orders imposed',
      cells: {
        shpoInterim: exactly(input, 'order:SHPO:interim'), shpoFull: exactly(input, 'order:SHPO:full'),
        sroInterim: exactly(input, 'order:SRO:interim'), sroFull: exactly(input, 'order:SRO:full'),
        noInterim: exactly(input, 'order:NO:interim'), noFull: exactly(input, 'order:NO:full'),
      },
    },
    {
      id: 'E08',
      label: 'Level 2 and 3 offenders returned to custody',
      cells: {
        licenceLevel2: licence['level2']!, licenceLevel3: licence['level3']!, orderLevel2: order['level2']!, orderLevel3: order['level3']!,
        total: licence['total']! + order['total']!,
      },
    },
    { id: 'E09', label: 'Charged with a serious further offence', cells: byLevel2And3(input, (l) => `sfoCharged:${l}`) },
    { id: 'E10', label: 'Outcomes of serious further offence charges', cells: sfoOutcomes(input) },
  ];
}

export const RATE_LABEL_AGED_10_PLUS = 'Registered sexual offenders per 100,000 population aged 10 and over';

export function returnRows(format: ReturnFormat, input: ReturnInput): ReturnRow[] {
  switch (format) {
    case '2008':
      return rows2008(input);
    case '2015':
      return rows2015(input, { categories: CATEGORIES_1_TO_3, rateLabel: 'Registered sexual offenders per 100,000 population' });
    case '2024':
      return rows2015(input, { categories: CATEGORIES_1_TO_4, rateLabel: RATE_LABEL_AGED_10_PLUS });
    default: {
      const unknown: never = format;
      throw new Error(`unknown return format ${String(unknown)}`);
    }
  }
}
