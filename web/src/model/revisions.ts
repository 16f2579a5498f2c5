/**
 * Revisions of a submitted return (docs/DOMAIN.md section 11): `GET /returns/{year}/revisions`. The
 * page asks only when the API lists the route, and marks each revised figure `(R)` with a note
 * on the scale, nature and cause of the revisions, as the Code of Practice for Statistics (Q3.4)
 * asks: the same marks and the same note as the API's `text/plain` (one source for both).
 */
import type { Causes } from '../../../src/projections/revisions/cause-kind.js';
export { cellKey } from '../../../src/projections/revisions/cell-key.js';
export { revisedCells, revisionsNote } from '../../../src/projections/revisions/revisions-note.js';

export type RevisionCauses = Causes;

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
  /** Distinct causes over the whole return (a command that moved several figures counts once). */
  readonly causes?: RevisionCauses;
};

export const REVISIONS_PATH = '/returns/{reportingYear}/revisions';
