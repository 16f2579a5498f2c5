export type ReturnFormat = '2008' | '2015';
export type ReturnRow = { readonly id: string; readonly label: string; readonly cells: Readonly<Record<string, number | null>> };

/** The annual return as JSON (docs/DOMAIN.md section 7). */
export type AnnualReturn = {
  readonly area: string;
  readonly reportingYear: string;
  readonly format: ReturnFormat;
  readonly knownAt: string | null;
  /**
   * The reporting year had not ended on the day the figures are as known (today, or the day of
   * `knownAt`): snapshot rows "at 31 March" are what is recorded so far, and will change.
   */
  readonly provisional: boolean;
  readonly rows: readonly ReturnRow[];
};

/** Format 2008 is the default up to 2014-15, format 2015 from 2015-16. */
export function defaultFormat(reportingYear: string): ReturnFormat {
  return reportingYear >= '2015-16' ? '2015' : '2008';
}
