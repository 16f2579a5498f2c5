import { createHash, randomUUID } from 'node:crypto';
import { returnEvents, type ReturnSubmitted } from '../../domain/returns/events.js';
import type { AreaCode } from '../../domain/shared/areas.js';
import type { ReportingYear } from '../../domain/shared/reporting-year.js';
import type { AnnualReturn, ReturnFormat, ReturnRow } from '../../projections/annual-return/return-types.js';
import { canonicalJson } from '../../projections/revisions/canonical-json.js';
import type { SubmittedReturn } from '../../projections/revisions/revisions.js';
import type { Actor } from '../auth/actor.js';
import type { Clock } from '../clock.js';
import { WrongExpectedVersionError, type EventStore, type StoredEvent } from '../eventstore/eventstore.js';
import { streams } from '../eventstore/stream-names.js';
import { returnsKeyId, type PersonalData } from '../personal-data/personal-data.js';

const MAX_ATTEMPTS = 5;

/** The sha256 (hex) of the canonical JSON of a return's rows: what a reproduction of a submission must match. */
export function digestOf(rows: readonly ReturnRow[]): string {
  return createHash('sha256').update(canonicalJson(rows)).digest('hex');
}

/** A submission as stored, with when it was recorded. */
export type Submission = ReturnSubmitted & { readonly recordedAt: string; readonly submittedBy: string };

function decodeSubmission(stored: StoredEvent): Submission {
  const event = returnEvents.decode(stored.type, Number(stored.metadata['schemaVersion'] ?? 1), stored.data);
  const actor = stored.metadata['actor'] as { id?: unknown } | undefined;
  return { ...event, recordedAt: String(stored.metadata['recordedAt']), submittedBy: String(actor?.id ?? '') };
}

/** The submissions of an area's return for a year, oldest first. */
export async function submissionsOf(store: EventStore, area: AreaCode, reportingYear: ReportingYear): Promise<Submission[]> {
  const stored = await store.readStream(streams.returns(area));
  return stored.map(decodeSubmission).filter((s) => s.reportingYear === reportingYear);
}

/** A submission as a reader sees it: its note opened. */
export async function shownSubmission(personal: PersonalData, s: Submission): Promise<Omit<Submission, 'note'> & { readonly note?: string | { readonly erased: true } }> {
  const { note, ...rest } = s;
  return note === undefined ? rest : { ...rest, note: await personal.showNote(returnsKeyId(s.area), note) };
}

/** The revisions' view of a submission. */
export const asSubmittedReturn = (s: Submission): SubmittedReturn => ({
  submissionId: s.submissionId, knownAt: s.knownAt, digest: s.digest, area: s.area, reportingYear: s.reportingYear, format: s.format, cells: s.cells,
});

export type SubmissionRequest = { readonly area: AreaCode; readonly reportingYear: ReportingYear; readonly format?: ReturnFormat; readonly note?: string };
export type SubmissionContext = { readonly actor: Actor; readonly correlationId: string; readonly clientRequestId?: string | undefined };

/**
 * Submits an area's return (docs/DOMAIN.md section 11): the return as known now, folded from the log
 * as `GET /returns/{year}?knownAt=` folds it (so that query reproduces it, digest and all), is
 * recorded as `ReturnSubmitted` in `mappa-returns-<area>`. Each submission is a new fact: two
 * submissions of the same return are two events, the later one the default for revisions.
 */
export async function submitReturn(
  store: EventStore,
  clock: Clock,
  returnAsKnownAt: (query: { area: AreaCode; reportingYear: ReportingYear; format?: ReturnFormat; knownAt: string }) => Promise<AnnualReturn>,
  request: SubmissionRequest,
  context: SubmissionContext,
  personal: PersonalData,
): Promise<Submission> {
  const knownAt = clock.now().toISOString();
  const result = await returnAsKnownAt({ area: request.area, reportingYear: request.reportingYear, ...(request.format !== undefined && { format: request.format }), knownAt });
  const event: ReturnSubmitted = {
    type: 'ReturnSubmitted',
    submissionId: randomUUID(),
    reportingYear: request.reportingYear,
    area: request.area,
    format: result.format,
    knownAt,
    cells: Object.fromEntries(result.rows.map((row) => [row.id, { ...row.cells }])),
    digest: digestOf(result.rows),
    // Free text may name someone: sealed under the area's returns key (docs/DOMAIN.md section 13).
    ...(request.note !== undefined && { note: await personal.sealNote(returnsKeyId(request.area), request.note) }),
  };
  const encoded = returnEvents.encode(returnEvents.decode(event.type, returnEvents.versionFor(event), { ...event }));
  const eventId = randomUUID();
  // recordedAt is never before knownAt: the submission is recorded after the figures it holds.
  const recordedAt = new Date(Math.max(clock.now().getTime(), Date.parse(knownAt))).toISOString();
  const stream = streams.returns(request.area);
  const toAppend = {
    eventId, type: encoded.type, data: encoded.data,
    metadata: { schemaVersion: encoded.schemaVersion, recordedAt, actor: context.actor, correlationId: context.correlationId, causationId: eventId, ...(context.clientRequestId !== undefined && { clientRequestId: context.clientRequestId }) },
  };
  // At the stream's exact version, never at `any` (docs/ARCHITECTURE.md): an append retried after
  // a lost answer is then recognised by its place. Another submission of the area in between
  // moves the version: the same event is appended again after it (its content does not depend on it).
  for (let attempt = 1; ; attempt++) {
    const version = (await store.readStream(stream)).length - 1;
    try {
      await store.appendToStream(stream, [toAppend], { expectedVersion: version === -1 ? 'no_stream' : version });
      break;
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError) || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
  return { ...event, recordedAt, submittedBy: context.actor.id };
}
