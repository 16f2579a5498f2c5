import { personalDataInMemoryFor, type PersonalData } from '../../src/infrastructure/personal-data/personal-data.js';
import { randomBytes } from 'node:crypto';
import type { CaseCommand } from '../../src/domain/case/commands.js';
import { accessLog as accessLogWriter } from '../../src/infrastructure/access-log/writer.js';
import { mintToken } from '../../src/infrastructure/auth/mint-token.js';
import type { manualClock } from '../../src/infrastructure/clock.js';
import { caseCommandHandler } from '../../src/infrastructure/command-handler/handle-case-command.js';
import type { EventStore } from '../../src/infrastructure/eventstore/eventstore.js';
import { streams } from '../../src/infrastructure/eventstore/stream-names.js';
import { buildApp } from '../../src/infrastructure/http/app.js';
import { submissionRoutes } from '../../src/infrastructure/http/projection-routes.js';
import type { ProjectionService } from '../../src/infrastructure/read-models/projection-service.js';

type ManualClock = ReturnType<typeof manualClock>;

export type LateRecord = { readonly caseId: string; readonly command: CaseCommand; readonly recordedAt: string };

export type SubmissionAndRevision = {
  readonly submission: { readonly submissionId: string; readonly knownAt: string; readonly digest: string };
  readonly late: LateRecord;
  /** A breach of the year found entered twice after the submission, and retracted (docs/DOMAIN.md section 10). */
  readonly retracted: { readonly caseId: string; readonly eventId: string; readonly occurredOn: string; readonly recordedAt: string };
  /** `GET /returns/{year}/revisions` as text/plain: the return now with (R) marks and the revisions note. */
  readonly revisedText: string;
  readonly revisions: { readonly changes: readonly { rowId: string; cell: string; submitted: number | null; current: number | null; causes: Record<string, number> }[] };
};

/**
 * What an analyst and a coordinator do after a return is compiled, through the product's own
 * routes (in process, with throwaway tokens): the analyst submits the area's return
 * (`POST /returns/{year}/submissions`), a coordinator then records a fact of the year that had
 * not been recorded (a late record), then retracts a breach of the year entered twice (a late
 * correction), and the analyst asks for the revisions since.
 */
export async function submitThenReviseLate(
  store: EventStore, clock: ManualClock, projections: ProjectionService,
  at: { readonly area: 'cumbria'; readonly reportingYear: string }, late: LateRecord,
  /** The keys the log was written with, so what is sealed here opens where the rest does. */
  personalData: PersonalData = personalDataInMemoryFor(store),
): Promise<SubmissionAndRevision> {
  const secret = randomBytes(32).toString('base64url');
  const accessLog = accessLogWriter({ store, clock });
  const app = await buildApp({
    config: { logLevel: 'silent', bodyLimitBytes: 64 * 1024, rateLimit: { max: 1_000_000, windowMs: 60_000 } },
    store, clock, accessLog, personalData,
    tokens: { verification: { algorithm: 'HS256', key: new TextEncoder().encode(secret) } },
    routes: submissionRoutes(projections, { store, clock, accessLog, personalData }),
  });
  try {
    const token = await mintToken({ sub: `${at.area}-mappa-analyst`, role: 'analyst', agency: 'police', areas: [at.area] }, { secret, ttlSeconds: 600 });
    const headers = { authorization: `Bearer ${token}` };
    const submitted = await app.inject({ method: 'POST', url: `/returns/${at.reportingYear}/submissions`, headers: { ...headers, 'content-type': 'application/json' }, payload: JSON.stringify({ area: at.area, note: 'the return as published' }) });
    if (submitted.statusCode !== 201) throw new Error(`submitting the return failed: ${submitted.statusCode} ${submitted.body}`);
    clock.set(late.recordedAt);
    const handled = await caseCommandHandler({ store, clock, personalData })(late.caseId, late.command, { areas: '*', actor: { id: `${at.area}-mappa-coordinator-1`, role: 'coordinator', agency: 'police' } });
    if (handled.kind !== 'accepted') throw new Error(`the late record was not accepted: ${JSON.stringify(handled)}`);
    const retracted = await retractADuplicateBreach(store, clock, at, late.recordedAt, personalData);
    const url = `/returns/${at.reportingYear}/revisions?area=${at.area}`;
    const text = await app.inject({ method: 'GET', url, headers: { ...headers, accept: 'text/plain' } });
    const json = await app.inject({ method: 'GET', url, headers });
    if (text.statusCode !== 200 || json.statusCode !== 200) throw new Error(`the revisions were not answered: ${text.statusCode} ${json.statusCode}`);
    return { submission: submitted.json(), late, retracted, revisedText: text.body, revisions: json.json() };
  } finally {
    await app.close();
  }
}

/** The first breach of the year in the area's log, retracted the day after `after` as a duplicate. */
async function retractADuplicateBreach(store: EventStore, clock: ManualClock, at: { readonly area: 'cumbria'; readonly reportingYear: string }, after: string, personalData: PersonalData) {
  const first = `${at.reportingYear.slice(0, 4)}-04-01`;
  const last = `${Number(at.reportingYear.slice(0, 4)) + 1}-03-31`;
  for await (const e of store.readAll({ streamPrefixes: [streams.casePrefix] })) {
    const on = e.data['occurredOn'];
    if (e.type !== 'NotificationBreachRecorded' || typeof on !== 'string' || on < first || on > last) continue;
    const caseId = e.streamName.slice(streams.casePrefix.length);
    const recordedAt = new Date(new Date(after).getTime() + 86_400_000).toISOString();
    clock.set(recordedAt);
    const handled = await caseCommandHandler({ store, clock, personalData })(caseId, { type: 'RetractEvents', eventIds: [e.eventId], reason: 'duplicate', note: 'entered twice' }, {
      areas: '*', actor: { id: `${at.area}-mappa-coordinator-1`, role: 'coordinator', agency: 'police' },
    });
    if (handled.kind !== 'accepted') continue;
    return { caseId, eventId: e.eventId, occurredOn: on, recordedAt };
  }
  throw new Error('no breach of the year could be retracted');
}
