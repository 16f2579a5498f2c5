/**
 * Why a figure of a submitted return changed (docs/DOMAIN.md section 11): every command recorded after
 * the submission that changed a case's contribution to the figure is one cause, of one kind.
 */
export type CauseKind = 'lateRecords' | 'retractions' | 'corrections' | 'backdated';
export type Causes = Record<CauseKind, number>;

export const CAUSE_KINDS: readonly CauseKind[] = ['lateRecords', 'retractions', 'corrections', 'backdated'];
export const noCauses = (): Causes => ({ lateRecords: 0, retractions: 0, corrections: 0, backdated: 0 });

/**
 * The event types that say recorded facts were wrong (docs/DOMAIN.md section 10). The extension point:
 * once the case's events include a retraction, a command that appended one is a retraction, or,
 * with a replacement beside it (same causationId), a correction; nothing else here changes.
 */
export const RETRACTION_EVENT_TYPES: ReadonlySet<string> = new Set(['EventsRetracted']);

/** What classification reads of an event: its type and business date (a retraction has none). */
export type ClassifiedEvent = { readonly type: string; readonly occurredOn?: string };

/**
 * The kind of one cause, from the events its command appended (one causationId) and the latest
 * business date among the case's events recorded before it (null: none):
 * - a retraction alone: `retractions`; a retraction with a replacement: `corrections`;
 * - dated before the latest earlier event of its case: `backdated` (inserted into a timeline
 *   that had already moved past its date);
 * - anything else: `lateRecords`, a fact of the reporting period recorded after the submission.
 *   Only events dated on or before the reporting year's last day can change that year's figures
 *   (a return reads each case on days of its year), so every late record is such an event.
 * Kinds are exclusive, first match wins, so each command is counted once.
 */
export function classifyCause(command: readonly ClassifiedEvent[], latestEarlierOccurredOn: string | null): CauseKind {
  const retracting = command.some((e) => RETRACTION_EVENT_TYPES.has(e.type));
  if (retracting) return command.some((e) => !RETRACTION_EVENT_TYPES.has(e.type)) ? 'corrections' : 'retractions';
  const dates = command.map((e) => e.occurredOn).filter((d): d is string => d !== undefined);
  const earliest = dates.length === 0 ? null : dates.reduce((a, b) => (b < a ? b : a));
  if (earliest !== null && latestEarlierOccurredOn !== null && earliest < latestEarlierOccurredOn) return 'backdated';
  return 'lateRecords';
}
