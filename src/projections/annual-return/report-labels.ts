/**
 * Headings and cell names as the published reports print them (the seed's "Facts and figures"),
 * shared by the text rendering and the web page. It imports nothing, so the page can bundle it.
 */

const HEADINGS: Readonly<Record<string, (year: number, place: string, label: string) => string>> = {
  R01: (y) => `Number of MAPPA eligible offenders at 31 March ${y + 1}`,
  R04: () => 'Enforcement for offenders managed via MAPP meetings Returned to custody for breach of licence',
  R05: () => 'Sent to custody for breach of Sexual Offences Prevention Order (SOPO)',
  R06: () => 'Serious Further Offences involving offenders managed via MAPP meetings Charged with a serious further offence',
  R07: (y) => `Of those charged during the year (level 2 and 3 combined) plus those who remained charged with an SFO last year, i.e. at 31 March ${y}:`,
  R08: () => 'Further data on Registered Sexual Offenders Registered Sexual Offenders in:',
  R09: (_y, place) => `Total number of registered sexual offenders in ${place} per 100,000 head of population`,
  E04: (_y, place, label) =>
    label.endsWith('aged 10 and over')
      ? `Total number of registered sexual offenders in ${place} per 100,000 population aged 10 and over`
      : `Total number of registered sexual offenders in ${place} per 100,000 head of population`,
};

const CATEGORY_NAMES = ['Registered Sexual Offenders', 'Violent Offenders', 'Other Dangerous Offenders', 'Terrorist and Terrorism-risk Offenders'] as const;

const CELL_NAMES: Readonly<Record<string, string>> = {
  cat1: CATEGORY_NAMES[0], cat2: CATEGORY_NAMES[1], cat3: CATEGORY_NAMES[2], cat4: CATEGORY_NAMES[3], total: 'Total',
  level1: 'Level 1', level2: 'Level 2', level3: 'Level 3',
  convicted: 'Convicted of a serious further offence', otherOutcome: 'Other outcome', remainCharged: 'Remain charged with serious further offence',
  applied: 'Applied for', interim: 'Interim Order issued', full: 'Full Order issued',
  // Formats 2015 and 2024 (E01, E07, E08).
  ...Object.fromEntries([1, 2, 3, 4].flatMap((c) => [1, 2, 3].map((l) => [`cat${c}Level${l}`, `${CATEGORY_NAMES[c - 1]}, level ${l}`]))),
  shpoInterim: 'Interim Sexual Harm Prevention Orders', shpoFull: 'Full Sexual Harm Prevention Orders',
  sroInterim: 'Interim Sexual Risk Orders', sroFull: 'Full Sexual Risk Orders',
  noInterim: 'Interim Notification Orders', noFull: 'Full Notification Orders',
  licenceLevel2: 'Breach of licence, level 2', licenceLevel3: 'Breach of licence, level 3',
  orderLevel2: 'Breach of a civil order, level 2', orderLevel3: 'Breach of a civil order, level 3',
  // Single figures (R09, R10, E04-E06): the report prints them under the heading alone.
  rate: 'Per 100,000 head of population', count: 'Number',
};

/** The heading the report prints above a row's figures (its label where the report has no other). */
export function reportHeading(row: { readonly id: string; readonly label: string }, startYear: number, place: string): string {
  return HEADINGS[row.id]?.(startYear, place, row.label) ?? row.label;
}

/** A cell's name as the report prints it; a local unit (R08) is its own name. */
export function cellName(key: string): string {
  return CELL_NAMES[key] ?? key;
}
