/**
 * Revisions of a submitted return (docs/DOMAIN.md section 11): `GET /returns/{year}/revisions`. The
 * engine does not serve them yet; the page asks only when the API lists the route, and marks
 * each revised figure `(R)` with a note on the scale, nature and cause of the revisions, as the
 * Code of Practice for Statistics (Q3.4) asks.
 */
export type RevisionCauses = { readonly lateRecords: number; readonly retractions: number; readonly corrections: number; readonly backdated: number };

export type Revisions = {
  readonly submission: { readonly submissionId: string; readonly knownAt: string; readonly digest: string };
  readonly changes: readonly {
    readonly rowId: string;
    readonly cell: string;
    readonly submitted: number | null;
    readonly current: number | null;
    readonly causes: RevisionCauses;
  }[];
  readonly scale: { readonly cellsChanged: number; readonly absoluteDifference: number };
};

export const REVISIONS_PATH = '/returns/{reportingYear}/revisions';

export const cellKey = (rowId: string, cell: string) => `${rowId}/${cell}`;

/** The figures to mark `(R)`: every cell whose current value differs from the one submitted. */
export function revisedCells(revisions: Revisions | null): ReadonlySet<string> {
  if (revisions === null) return new Set();
  return new Set(revisions.changes.filter((c) => c.submitted !== c.current).map((c) => cellKey(c.rowId, c.cell)));
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** The revisions note: scale, nature and cause, in a sentence or three; null when nothing was revised. */
export function revisionsNote(revisions: Revisions | null): string | null {
  if (revisions === null || revisions.scale.cellsChanged === 0) return null;
  const causes = { lateRecords: 0, retractions: 0, corrections: 0, backdated: 0 };
  for (const change of revisions.changes) for (const key of Object.keys(causes) as (keyof RevisionCauses)[]) causes[key] += change.causes[key];
  const named = [
    causes.lateRecords > 0 ? plural(causes.lateRecords, 'record made late', 'records made late') : null,
    causes.backdated > 0 ? plural(causes.backdated, 'backdated record', 'backdated records') : null,
    causes.retractions > 0 ? plural(causes.retractions, 'retraction', 'retractions') : null,
    causes.corrections > 0 ? plural(causes.corrections, 'correction', 'corrections') : null,
  ].filter((part): part is string => part !== null);
  return [
    `Figures marked (R) are revised since the return submitted at ${revisions.submission.knownAt}.`,
    `${plural(revisions.scale.cellsChanged, 'figure has', 'figures have')} changed, by ${revisions.scale.absoluteDifference} in all.`,
    named.length > 0 ? `Causes: ${named.join(', ')}.` : '',
  ].filter((s) => s !== '').join(' ');
}
