/**
 * Instants as numbers, for the known-at cells' searches. Instants are compared as strings (as the
 * fold compares `recordedAt` with `knownAt`), but a national log's cells hold millions of them and
 * a search of strings reads one, elsewhere in memory, at every step: a search of numbers side by
 * side in one array is several times faster. Numbers agree with the strings' order only for
 * instants in the form the engine records them (toISOString's), so only those have one; a cell
 * holding another, or a question in a form below not covered, is searched by its strings.
 */
const RECORDED = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const WHOLE_SECOND = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})Z$/;

/** The instant's milliseconds when it is in the recorded form, NaN otherwise. */
export function recordedKey(instant: string): number {
  if (!RECORDED.test(instant)) return Number.NaN;
  const ms = Date.parse(instant);
  // A day the calendar lacks (2025-02-30) is in the form but has no number of the same order.
  return Number.isNaN(ms) || new Date(ms).toISOString() !== instant ? Number.NaN : ms;
}

/**
 * The number k for a question's instant such that any recorded-form instant s is at or before it
 * as a string exactly when recordedKey(s) <= k; undefined for a question in a form not covered.
 */
export function questionKey(instant: string): number | undefined {
  const key = recordedKey(instant);
  if (!Number.isNaN(key)) return key;
  // A whole second in UTC: every recorded instant within that second is before it ('.' < 'Z').
  const second = WHOLE_SECOND.exec(instant);
  const start = second === null ? Number.NaN : recordedKey(`${second[1]}.000Z`);
  return Number.isNaN(start) ? undefined : start + 999;
}
