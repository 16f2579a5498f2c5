/** The dates the Cumbria history is built around (reporting year 2008-09). */
export const REPORTING_YEAR = '2008-09';
export const YEAR_START = '2008-04-01';
export const SNAPSHOT = '2009-03-31';
/** MAPPA began in April 2001 (Criminal Justice and Court Services Act 2000 ss.67-68). */
export const MAPPA_START = '2001-04-02';
/** The last day of the history: some activity follows the year, as it would before the report was written. */
export const HISTORY_END = '2009-09-30';
