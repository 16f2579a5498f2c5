import type { AnnualReturn } from '../annual-return/return-types.js';
import { returnAsText } from '../annual-return/render-text.js';
import { noCauses, type Causes, type CauseKind } from './cause-kind.js';
import { cellKey } from './cell-key.js';

/** What the note reads of a revisions answer (the web page holds the same shape). */
export type RevisionsSummary = {
  readonly submission: { readonly knownAt: string };
  readonly changes: readonly { readonly rowId: string; readonly cell: string; readonly submitted: number | null; readonly current: number | null; readonly causes: Causes }[];
  readonly scale: { readonly cellsChanged: number; readonly absoluteDifference: number };
  /** Distinct causes over the whole return; without it, the per-figure counts are summed. */
  readonly causes?: Causes;
};

/** The figures to mark `(R)`: every one whose current value differs from the one submitted. */
export function revisedCells(revisions: RevisionsSummary | null): ReadonlySet<string> {
  if (revisions === null) return new Set();
  return new Set(revisions.changes.filter((c) => c.submitted !== c.current).map((c) => cellKey(c.rowId, c.cell)));
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

const NAMES: readonly [CauseKind, string, string][] = [
  ['lateRecords', 'record made late', 'records made late'],
  ['backdated', 'backdated record', 'backdated records'],
  ['retractions', 'retraction', 'retractions'],
  ['corrections', 'correction', 'corrections'],
];

/**
 * The revisions note the Code of Practice for Statistics (Q3.4) asks for: the scale (how many
 * figures, by how much), the nature (revised since the submission) and the cause (records made
 * late, backdated, retracted or corrected). Null when nothing was revised.
 */
export function revisionsNote(revisions: RevisionsSummary | null): string | null {
  if (revisions === null || revisions.scale.cellsChanged === 0) return null;
  let causes = revisions.causes;
  if (causes === undefined) {
    const summed = noCauses();
    for (const change of revisions.changes) for (const [kind] of NAMES) summed[kind] += change.causes[kind];
    causes = summed;
  }
  const named = NAMES.filter(([kind]) => causes[kind] > 0).map(([kind, one, many]) => plural(causes[kind], one, many));
  return [
    `Figures marked (R) are revised since the return submitted at ${revisions.submission.knownAt}.`,
    `${plural(revisions.scale.cellsChanged, 'figure has', 'figures have')} changed, by ${revisions.scale.absoluteDifference} in all.`,
    named.length > 0 ? `Causes: ${named.join(', ')}.` : '',
  ].filter((s) => s !== '').join(' ');
}

/** The return in the report's layout, each revised figure followed by ` (R)`, and the revisions note at the end. */
export function revisedReturnAsText(result: AnnualReturn, revisions: RevisionsSummary): string {
  const note = revisionsNote(revisions);
  const text = returnAsText(result, revisedCells(revisions));
  return note === null ? text : `${text}\nRevisions: ${note}\n`;
}
