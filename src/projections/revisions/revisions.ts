import type { RecordedEvent } from '../../domain/case/retraction.js';
import type { AnnualReturn } from '../annual-return/return-types.js';
import { CAUSE_KINDS, classifyCause, noCauses, type CauseKind, type Causes } from './cause-kind.js';
import { caseCells, RATE_SOURCE, type ReturnCoordinates } from './case-cells.js';
import { cellKey } from './cell-key.js';

/** A case event as recorded: when, and by which command (one causationId per command). */
export type RecordedCaseEntry = RecordedEvent & { readonly recordedAt: string; readonly causationId: string };

/** A return as submitted (docs/DOMAIN.md section 11). */
export type SubmittedReturn = ReturnCoordinates & {
  readonly submissionId: string;
  readonly knownAt: string;
  readonly digest: string;
  readonly cells: Readonly<Record<string, Readonly<Record<string, number | null>>>>;
};

export type RevisedCell = {
  readonly rowId: string;
  readonly cell: string;
  readonly submitted: number | null;
  readonly current: number | null;
  readonly causes: Causes;
  /** The cases whose contribution to the figure a cause changed (for reviewers: detail=cases). */
  readonly caseIds: readonly string[];
};

export type Revisions = {
  readonly submission: { readonly submissionId: string; readonly knownAt: string; readonly digest: string };
  readonly changes: readonly RevisedCell[];
  readonly scale: { readonly cellsChanged: number; readonly absoluteDifference: number };
  /** Distinct commands behind the changed figures, by kind (one command may change several figures). */
  readonly causes: Causes;
};

export type RevisionsInput = {
  readonly submission: SubmittedReturn;
  /** Every case's events as recorded, by case id, in stream order. */
  readonly cases: ReadonlyMap<string, readonly RecordedCaseEntry[]>;
  /** The return as it stands now, in the submission's format. */
  readonly current: AnnualReturn;
  /** Populations of the return's year and areas recorded after the submission (they move the rate). */
  readonly latePopulations: number;
};

type Attribution = { causes: Causes; caseIds: Set<string>; commands: Map<string, CauseKind> };

/** The commands of a case recorded after `knownAt`, each with its events, in the order recorded. */
function commandsAfter(entries: readonly RecordedCaseEntry[], knownAt: string): RecordedCaseEntry[][] {
  const byCommand = new Map<string, RecordedCaseEntry[]>();
  for (const e of entries) {
    if (e.recordedAt <= knownAt) continue;
    const events = byCommand.get(e.causationId);
    if (events) events.push(e);
    else byCommand.set(e.causationId, [e]);
  }
  return [...byCommand.values()];
}

function latestOccurredOnBefore(entries: readonly RecordedCaseEntry[], position: number): string | null {
  let latest: string | null = null;
  for (const e of entries) {
    const on = (e.event as { occurredOn?: string }).occurredOn;
    if (e.position < position && on !== undefined && (latest === null || on > latest)) latest = on;
  }
  return latest;
}

/**
 * Which commands recorded after the submission changed which case's contribution to which
 * figure: each case is folded as known at the submission, then with each later command added in
 * the order it was recorded; a command is a cause of every figure its addition moved.
 */
function attribute(input: RevisionsInput): Map<string, Attribution> {
  const { submission } = input;
  const byCell = new Map<string, Attribution>();
  const note = (key: string, caseId: string, commandId: string, kind: CauseKind) => {
    let a = byCell.get(key);
    if (!a) byCell.set(key, (a = { causes: noCauses(), caseIds: new Set(), commands: new Map() }));
    if (!a.commands.has(commandId)) a.causes[kind] += 1;
    a.commands.set(commandId, kind);
    a.caseIds.add(caseId);
  };
  for (const [caseId, entries] of input.cases) {
    const commands = commandsAfter(entries, submission.knownAt);
    if (commands.length === 0) continue;
    let included = entries.filter((e) => e.recordedAt <= submission.knownAt);
    let before = caseCells(included, submission);
    for (const command of commands) {
      included = [...included, ...command];
      const after = caseCells(included, submission);
      const kind = classifyCause(command.map((e) => e.event), latestOccurredOnBefore(entries, command[0]!.position));
      const moved = new Set<string>();
      for (const key of new Set([...before.keys(), ...after.keys()])) if ((before.get(key) ?? 0) !== (after.get(key) ?? 0)) moved.add(key);
      for (const [rate, source] of Object.entries(RATE_SOURCE)) if (moved.has(source)) moved.add(rate);
      for (const key of moved) note(key, caseId, command[0]!.causationId, kind);
      before = after;
    }
  }
  return byCell;
}

/** The figures of a return in its row order: the current rows, then any cell only the submission has. */
function figures(submission: SubmittedReturn, current: AnnualReturn): { rowId: string; cell: string; submitted: number | null; current: number | null }[] {
  const out: { rowId: string; cell: string; submitted: number | null; current: number | null }[] = [];
  const rowIds = [...current.rows.map((r) => r.id), ...Object.keys(submission.cells).filter((id) => !current.rows.some((r) => r.id === id))];
  for (const rowId of rowIds) {
    const now = current.rows.find((r) => r.id === rowId)?.cells ?? {};
    const then = submission.cells[rowId] ?? {};
    for (const cell of new Set([...Object.keys(now), ...Object.keys(then)])) out.push({ rowId, cell, submitted: then[cell] ?? null, current: now[cell] ?? null });
  }
  return out;
}

const isRate = (rowId: string, cell: string) => RATE_SOURCE[cellKey(rowId, cell)] !== undefined;

/**
 * The figure-by-figure difference between a submitted return and the same return now, with the
 * count of causes of each kind (docs/DOMAIN.md section 11). A figure absent on one side (a local unit
 * that appeared or emptied) is null there; the absolute difference takes null as 0.
 */
export function revisionsOf(input: RevisionsInput): Revisions {
  const byCell = attribute(input);
  const distinct = new Map<string, CauseKind>();
  const changes: RevisedCell[] = [];
  for (const f of figures(input.submission, input.current)) {
    if (f.submitted === f.current) continue;
    const a = byCell.get(cellKey(f.rowId, f.cell));
    const causes = a ? { ...a.causes } : noCauses();
    if (isRate(f.rowId, f.cell)) causes.lateRecords += input.latePopulations;
    for (const [id, kind] of a?.commands ?? []) distinct.set(id, kind);
    changes.push({ ...f, causes, caseIds: [...(a?.caseIds ?? [])].sort() });
  }
  const total = noCauses();
  for (const kind of distinct.values()) total[kind] += 1;
  if (changes.some((c) => isRate(c.rowId, c.cell))) total.lateRecords += input.latePopulations;
  return {
    submission: { submissionId: input.submission.submissionId, knownAt: input.submission.knownAt, digest: input.submission.digest },
    changes,
    scale: { cellsChanged: changes.length, absoluteDifference: changes.reduce((sum, c) => sum + Math.abs((c.current ?? 0) - (c.submitted ?? 0)), 0) },
    causes: total,
  };
}

export { CAUSE_KINDS };
