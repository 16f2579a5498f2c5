/** The annual return as the API answers it (docs/DOMAIN.md sections 7 and 12). */
export type ReturnFormat = '2008' | '2015' | '2024';
export const RETURN_FORMATS: readonly ReturnFormat[] = ['2008', '2015', '2024'];
export type ReturnRow = { readonly id: string; readonly label: string; readonly cells: Readonly<Record<string, number | null>> };
export type AnnualReturn = {
  readonly area: string;
  readonly reportingYear: string;
  readonly format: ReturnFormat;
  readonly knownAt: string | null;
  readonly rows: readonly ReturnRow[];
};

export const NATIONAL = 'england-and-wales';

export const defaultFormat = (reportingYear: string): ReturnFormat =>
  reportingYear >= '2024-25' ? '2024' : reportingYear >= '2015-16' ? '2015' : '2008';

/** Formats 2008 and 2015 are offered for every year; format 2024 from 2023-24 (the API refuses it earlier). */
export const formatsOffered = (reportingYear: string): ReturnFormat[] => RETURN_FORMATS.filter((f) => f !== '2024' || reportingYear >= '2023-24');

export const isReturnFormat = (value: string | undefined): value is ReturnFormat => RETURN_FORMATS.includes(value as ReturnFormat);

export const startYearOf = (reportingYear: string) => Number(reportingYear.slice(0, 4));

export const previousYear = (reportingYear: string) => {
  const start = startYearOf(reportingYear) - 1;
  return `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
};

export const rowOf = (r: AnnualReturn, id: string): ReturnRow | undefined => r.rows.find((row) => row.id === id);

export const cellOf = (r: AnnualReturn, id: string, cell: string): number | null => rowOf(r, id)?.cells[cell] ?? null;

/** The row that counts RSOs per 100,000 in each format. */
export const rateRow = (format: ReturnFormat) => (format === '2008' ? 'R09' : 'E04');

/** The row of eligible offenders by category on 31 March in each format. */
export const eligibleRow = (format: ReturnFormat) => (format === '2008' ? 'R01' : 'E01');
