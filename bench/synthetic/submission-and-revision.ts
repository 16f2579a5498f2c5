import { randomBytes } from 'node:crypto';
import type { CaseCommand } from '../../src/domain/case/commands.js';
import { accessLog as accessLogWriter } from '../../src/infrastructure/access-log/writer.js';
import { mintToken } from '../../src/infrastructure/auth/mint-token.js';
import type { manualClock } from '../../src/infrastructure/clock.js';
import { caseCommandHandler } from '../../src/infrastructure/command-handler/handle-case-command.js';
import type { EventStore } from '../../src/infrastructure/eventstore/eventstore.js';
import { buildApp } from '../../src/infrastructure/http/app.js';
import { submissionRoutes } from '../../src/infrastructure/http/projection-routes.js';
import type { ProjectionService } from '../../src/infrastructure/read-models/projection-service.js';

type ManualClock = ReturnType<typeof manualClock>;

export type LateRecord = { readonly caseId: string; readonly command: CaseCommand; readonly recordedAt: string };

export type SubmissionAndRevision = {
  readonly submission: { readonly submissionId: string; readonly knownAt: string; readonly digest: string };
  readonly late: LateRecord;
  /** `GET /returns/{year}/revisions` as text/plain: the return now with (R) marks and the revisions note. */
  readonly revisedText: string;
  readonly revisions: { readonly changes: readonly { rowId: string; cell: string; submitted: number | null; current: number | null }[] };
};

/**
 * What an analyst and a coordinator do after a return is compiled, through the product's own
 * routes (in process, with throwaway tokens): the analyst submits the area's return
 * (`POST /returns/{year}/submissions`), a coordinator then records a fact of the year that had
 * not been recorded (a late record), and the analyst asks for the revisions since.
 */
export async function submitThenReviseLate(
  store: EventStore, clock: ManualClock, projections: ProjectionService,
  at: { readonly area: 'cumbria'; readonly reportingYear: string }, late: LateRecord,
): Promise<SubmissionAndRevision> {
  const secret = randomBytes(32).toString('base64url');
  const accessLog = accessLogWriter({ store, clock });
  const app = await buildApp({
    config: { logLevel: 'silent', bodyLimitBytes: 64 * 1024, rateLimit: { max: 1_000_000, windowMs: 60_000 } },
    store, clock, accessLog,
    tokens: { verification: { algorithm: 'HS256', key: new TextEncoder().encode(secret) } },
    routes: submissionRoutes(projections, { store, clock, accessLog }),
  });
  try {
    const token = await mintToken({ sub: `${at.area}-mappa-analyst`, role: 'analyst', agency: 'police', areas: [at.area] }, { secret, ttlSeconds: 600 });
    const headers = { authorization: `Bearer ${token}` };
    const submitted = await app.inject({ method: 'POST', url: `/returns/${at.reportingYear}/submissions`, headers: { ...headers, 'content-type': 'application/json' }, payload: JSON.stringify({ area: at.area, note: 'the return as published' }) });
    if (submitted.statusCode !== 201) throw new Error(`submitting the return failed: ${submitted.statusCode} ${submitted.body}`);
    clock.set(late.recordedAt);
    const handled = await caseCommandHandler({ store, clock })(late.caseId, late.command, { areas: '*', actor: { id: `${at.area}-mappa-coordinator-1`, role: 'coordinator', agency: 'police' } });
    if (handled.kind !== 'accepted') throw new Error(`the late record was not accepted: ${JSON.stringify(handled)}`);
    const url = `/returns/${at.reportingYear}/revisions?area=${at.area}`;
    const text = await app.inject({ method: 'GET', url, headers: { ...headers, accept: 'text/plain' } });
    const json = await app.inject({ method: 'GET', url, headers });
    if (text.statusCode !== 200 || json.statusCode !== 200) throw new Error(`the revisions were not answered: ${text.statusCode} ${json.statusCode}`);
    return { submission: submitted.json(), late, revisedText: text.body, revisions: json.json() };
  } finally {
    await app.close();
  }
}
