import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { submissionRequest, submittedCells, submittedFormat } from '../../../domain/returns/events.js';
import { AREA_CODES, areaCode } from '../../../domain/shared/areas.js';
import { reportingYear } from '../../../domain/shared/reporting-year.js';
import { revisedReturnAsText } from '../../../projections/revisions/revisions-note.js';
import type { AccessLog } from '../../access-log/writer.js';
import { actorOf } from '../../auth/principal.js';
import { SEES_RESTRICTED_CASES } from '../../auth/policy.js';
import type { Clock } from '../../clock.js';
import { WrongExpectedVersionError, type EventStore } from '../../eventstore/eventstore.js';
import type { ProjectionService } from '../../read-models/projection-service.js';
import type { PersonalData } from '../../personal-data/personal-data.js';
import { asSubmittedReturn, shownSubmission, submissionsOf, submitReturn } from '../../returns/submissions.js';
import { purposeHeaders, recordCaseDataRead } from '../access.js';
import { callerOf, inCallerAreas } from '../authentication.js';
import { problem, ProblemError, problemResponses } from '../problem.js';
import { clientRequestIdOf } from '../request-id.js';

const area = areaCode.describe(`An area code (${AREA_CODES.join(', ')})`);
const params = z.object({ reportingYear: reportingYear.describe('YYYY-YY, e.g. 2008-09') });
const EXAMPLE_REF = { submissionId: '0b1c5e2e-6f1a-4d8e-9a51-3f0d6c2b7a10', knownAt: '2009-06-01T10:00:00.000Z', digest: 'c0ffee'.padEnd(64, '0') };
const NO_CAUSES = { lateRecords: 0, retractions: 0, corrections: 0, backdated: 0 };
const submissionRef = z
  .object({ submissionId: z.uuid(), knownAt: z.string(), digest: z.string().describe('sha256 (hex) of the canonical JSON of the return\'s rows: GET /returns/{year}?knownAt=<knownAt> gives the same') })
  .meta({ examples: [EXAMPLE_REF] });
const submissionItem = submissionRef.extend({
  area: z.string(), reportingYear: z.string(), format: submittedFormat,
  note: z.union([z.string(), z.object({ erased: z.literal(true) })]).optional().describe('The analyst\'s note, opened from its sealed form'),
  submittedBy: z.string().describe("The submitting analyst's token subject"), recordedAt: z.string(), cells: submittedCells,
});
const causes = z.object({ lateRecords: z.int(), retractions: z.int(), corrections: z.int(), backdated: z.int() });
const revisionsResponse = z.object({
  submission: submissionRef,
  changes: z.array(z.object({
    rowId: z.string(), cell: z.string(), submitted: z.number().nullable(), current: z.number().nullable(), causes,
    caseIds: z.array(z.string()).optional().describe('With detail=cases (reviewers, auditors): the cases whose contribution a cause changed'),
  })),
  scale: z.object({ cellsChanged: z.int(), absoluteDifference: z.number() }),
  causes: causes.describe('Distinct commands behind the changed figures, by kind (one command may change several figures)'),
}).meta({
  examples: [{
    submission: EXAMPLE_REF,
    changes: [
      { rowId: 'R01', cell: 'cat1', submitted: 290, current: 291, causes: { ...NO_CAUSES, lateRecords: 1 } },
      { rowId: 'R01', cell: 'total', submitted: 341, current: 342, causes: { ...NO_CAUSES, lateRecords: 1 } },
    ],
    scale: { cellsChanged: 2, absoluteDifference: 2 },
    causes: { ...NO_CAUSES, lateRecords: 1 },
  }],
});

/** Outside the caller's areas a return's submissions are absent, as a case outside them is. */
function absentUnlessCovered(request: FastifyRequest, wanted: string): void {
  if (!inCallerAreas(request, wanted)) throw new ProblemError(problem(404, 'not-found', 'no such submitted return'));
}

const asItem = (s: Awaited<ReturnType<typeof shownSubmission>>) => ({
  submissionId: s.submissionId, knownAt: s.knownAt, digest: s.digest, area: s.area, reportingYear: s.reportingYear, format: s.format,
  ...(s.note !== undefined && { note: s.note }), submittedBy: s.submittedBy, recordedAt: s.recordedAt, cells: s.cells,
});

const wantsText = (accept: string | undefined) => (accept ?? '').split(',').map((p) => p.split(';')[0]!.trim().toLowerCase()).find((t) => t === 'text/plain' || t === 'application/json') === 'text/plain';

/**
 * Submitted returns and their revisions (docs/DOMAIN.md section 11): an analyst records what was
 * submitted; anyone reading returns sees how the figures moved since, and why; reviewers and
 * auditors may see the cases behind each revised figure (access-logged).
 */
export type SubmissionDeps = { readonly store: EventStore; readonly clock: Clock; readonly accessLog: AccessLog; readonly personalData: PersonalData };

export const returnSubmissionRoutes = (projections: ProjectionService, deps: SubmissionDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.post('/returns/:reportingYear/submissions', {
      config: { action: 'returns:submit' },
      schema: {
        summary: "Submit an area's annual return: its figures as known now, with their digest (analyst)",
        tags: ['returns'],
        params,
        body: submissionRequest,
        response: { 201: submissionRef, ...problemResponses },
      },
      handler: async (request, reply) => {
        const { area: wanted, format, note } = request.body;
        absentUnlessCovered(request, wanted);
        const submission = await submitReturn(deps.store, deps.clock, (query) => projections.annualReturn(query), {
          area: wanted, reportingYear: request.params.reportingYear, ...(format !== undefined && { format }), ...(note !== undefined && { note }),
        }, { actor: actorOf(callerOf(request)), correlationId: request.id, clientRequestId: clientRequestIdOf(request) }, deps.personalData).catch((error: unknown) => {
          // Other submissions of the area kept moving its stream under the bounded retries.
          if (error instanceof WrongExpectedVersionError) throw new ProblemError(problem(409, 'conflict', 'the area\'s submissions kept changing; nothing was written; try again'));
          throw error;
        });
        return reply.code(201).send({ submissionId: submission.submissionId, knownAt: submission.knownAt, digest: submission.digest });
      },
    });

    app.get('/returns/:reportingYear/submissions', {
      config: { action: 'returns:read' },
      schema: {
        summary: "The submissions of an area's annual return, oldest first",
        tags: ['returns'],
        params,
        querystring: z.object({ area }),
        response: { 200: z.object({ submissions: z.array(submissionItem) }), ...problemResponses },
      },
      handler: async (request, reply) => {
        absentUnlessCovered(request, request.query.area);
        const submissions = await submissionsOf(deps.store, request.query.area, request.params.reportingYear);
        const shown = await Promise.all(submissions.map((s) => shownSubmission(deps.personalData, s)));
        return reply.header('cache-control', 'no-store').send({ submissions: shown.map(asItem) });
      },
    });

    app.get('/returns/:reportingYear/revisions', {
      config: {
        action: (request) => ((request.query as { detail?: unknown } | undefined)?.detail === 'cases' ? 'returns:revision-cases' : 'returns:read'),
        alternativeMedia: { 'text/plain': "Accept: text/plain: the return now in the report's layout, each revised figure marked (R), and the revisions note" },
      },
      schema: {
        summary: 'The figure-by-figure revisions of a submitted return since it was submitted, with their causes',
        tags: ['returns'],
        params,
        querystring: z.object({
          area,
          submissionId: z.uuid().optional().describe('Default: the latest submission of the return'),
          detail: z.enum(['cases']).optional().describe('cases: the case ids behind each revised figure (reviewers and auditors; access-logged)'),
        }),
        headers: purposeHeaders,
        response: { 200: revisionsResponse, ...problemResponses },
      },
      handler: async (request, reply) => {
        const { area: wanted, submissionId, detail } = request.query;
        absentUnlessCovered(request, wanted);
        const submissions = await submissionsOf(deps.store, wanted, request.params.reportingYear);
        const submission = submissionId === undefined ? submissions[submissions.length - 1] : submissions.find((s) => s.submissionId === submissionId);
        if (submission === undefined) {
          throw new ProblemError(problem(404, 'not-found', submissionId === undefined ? 'the return has not been submitted' : 'no such submission of the return'));
        }
        const { revisions, current } = await projections.revisions(asSubmittedReturn(submission));
        reply.header('cache-control', 'no-store').header('vary', 'accept');
        // Restricted cases are left out of the ids for everyone but auditors (docs/DOMAIN.md section 13); the figures stay.
        const hidden = SEES_RESTRICTED_CASES.has(callerOf(request).role) ? new Set<string>() : projections.readModels.subjects.restrictedCases();
        const shown = (ids: readonly string[]) => ids.filter((id) => !hidden.has(id));
        if (detail === 'cases') {
          const caseIds = shown([...new Set(revisions.changes.flatMap((c) => c.caseIds))]).sort();
          await recordCaseDataRead(request, deps.accessLog, { resource: 'return-revisions', caseIds });
        }
        if (detail !== 'cases' && wantsText(request.headers.accept)) {
          return reply.type('text/plain; charset=utf-8').serializer((s: string) => s).send(revisedReturnAsText(current, revisions) as never);
        }
        const changes = revisions.changes.map(({ caseIds, ...change }) => (detail === 'cases' ? { ...change, caseIds: shown(caseIds) } : change));
        return reply.send({ ...revisions, changes });
      },
    });
  };
