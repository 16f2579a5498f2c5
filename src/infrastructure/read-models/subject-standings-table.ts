import type Database from 'better-sqlite3';
import { evolve, initialStanding, type SubjectStanding } from '../../domain/data-protection/decide.js';
import type { StoredEvent } from '../eventstore/eventstore.js';
import { streams } from '../eventstore/stream-names.js';
import { subjectRecord } from '../personal-data/subject-stream.js';

/** A case's data-protection standing as the read models hold it. */
export type SubjectStandingRow = { readonly caseId: string; readonly standing: SubjectStanding };

/** A closed case of an area, with its data-protection standing (null: nothing recorded). */
export type ClosedCase = { readonly caseId: string; readonly closedOn: string; readonly standing: SubjectStanding | null };

export const isSubjectStream = (streamName: string) => streamName.startsWith(streams.subjectPrefix);
const caseIdOfSubjectStream = (streamName: string) => streamName.slice(streams.subjectPrefix.length);

/**
 * The standing of each case's data-protection stream (`mappa-subject-<caseId>`), folded from its
 * events: what the retention listing and the case listings need (which cases are restricted,
 * erased, when reviewed). Written with the case projections' checkpoint, in their transactions.
 */
export class SubjectStandingsTable {
  readonly #statements;

  constructor(db: Database.Database) {
    this.#statements = {
      get: db.prepare<[string], { standing: string }>('SELECT standing FROM subject_standings WHERE case_id = ?'),
      put: db.prepare(
        'INSERT INTO subject_standings (case_id, restricted, standing) VALUES (?, ?, ?) ON CONFLICT (case_id) DO UPDATE SET restricted = excluded.restricted, standing = excluded.standing',
      ),
      restricted: db.prepare<[], { case_id: string }>('SELECT case_id FROM subject_standings WHERE restricted = 1'),
      closedIn: db.prepare<[string], { case_id: string; closed_on: string; standing: string | null }>(
        'SELECT a.case_id, a.closed_on, s.standing FROM case_areas a LEFT JOIN subject_standings s ON s.case_id = a.case_id WHERE a.area = ? AND a.closed_on IS NOT NULL ORDER BY a.case_id',
      ),
      reviewedIn: db.prepare<[string], { case_id: string; standing: string }>(
        'SELECT s.case_id, s.standing FROM subject_standings s JOIN case_areas a ON a.case_id = s.case_id WHERE a.area = ? ORDER BY s.case_id',
      ),
    };
  }

  standingOf(caseId: string): SubjectStanding | null {
    const row = this.#statements.get.get(caseId);
    return row ? (JSON.parse(row.standing) as SubjectStanding) : null;
  }

  put({ caseId, standing }: SubjectStandingRow): void {
    this.#statements.put.run(caseId, standing.restricted ? 1 : 0, JSON.stringify(standing));
  }

  /** Every restricted case (few: a restriction is the exception). */
  restrictedCases(): ReadonlySet<string> {
    return new Set(this.#statements.restricted.all().map((r) => r.case_id));
  }

  /** The closed cases of an area, and every case of it with a standing (a retained open case has a next review too). */
  retentionCandidates(area: string): { readonly closed: readonly ClosedCase[]; readonly reviewed: readonly SubjectStandingRow[] } {
    const closed = this.#statements.closedIn.all(area).map((r) => ({ caseId: r.case_id, closedOn: r.closed_on, standing: r.standing === null ? null : (JSON.parse(r.standing) as SubjectStanding) }));
    const reviewed = this.#statements.reviewedIn.all(area).map((r) => ({ caseId: r.case_id, standing: JSON.parse(r.standing) as SubjectStanding }));
    return { closed, reviewed };
  }
}

/**
 * The standings a batch of data-protection events leaves, each folded onto what `before` holds
 * for its case (events at or before the checkpoint are left out by the caller).
 */
export function foldSubjectEvents(events: readonly StoredEvent[], before: (caseId: string) => SubjectStanding | null): SubjectStandingRow[] {
  const standings = new Map<string, SubjectStanding>();
  for (const e of events) {
    if (!isSubjectStream(e.streamName)) continue;
    const caseId = caseIdOfSubjectStream(e.streamName);
    const current = standings.get(caseId) ?? before(caseId) ?? initialStanding;
    standings.set(caseId, evolve(current, subjectRecord(e)));
  }
  return [...standings].map(([caseId, standing]) => ({ caseId, standing }));
}
