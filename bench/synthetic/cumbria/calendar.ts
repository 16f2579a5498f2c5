/** The dates the Cumbria history is built around (reporting year 2008-09). */
export const REPORTING_YEAR = '2008-09';
export const YEAR_START = '2008-04-01';
export const SNAPSHOT = '2009-03-31';
export { MAPPA_START } from '../milestones.js';
/** The last day of the history: some activity follows the year, as it would before the report was written. */
export const HISTORY_END = '2009-09-30';
