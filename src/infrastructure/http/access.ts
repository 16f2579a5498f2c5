import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { SAFE_TEXT_RULE } from '../../domain/shared/safe-text.js';
import { givenPurpose, type CaseDataRead, type DataProtectionRecorded, type RecordedQuery } from '../access-log/records.js';
import { AccessLogUnavailableError, type AccessEntry, type AccessLog } from '../access-log/writer.js';
import { actorOf } from '../auth/principal.js';
import { callerOf } from './authentication.js';
import { clientRequestIdOf } from './request-id.js';
import { problem, ProblemError } from './problem.js';

/** The optional `X-Purpose` header: why the caller reads (kept in the access record). */
const purposeHeader = givenPurpose.describe('Why the data is read: kept in the access log (DPA 2018 s.62)');

export const purposeHeaders = z.looseObject({ 'x-purpose': purposeHeader.optional() });

function purposeOf(request: FastifyRequest): string | undefined {
  const given = request.headers['x-purpose'];
  if (given === undefined) return undefined;
  const parsed = purposeHeader.safeParse(given);
  if (!parsed.success) {
    throw new ProblemError(problem(400, 'invalid-request', 'the headers are not valid: x-purpose', { errors: [{ path: 'x-purpose', message: `must be 1-200 characters: ${SAFE_TEXT_RULE}` }] }));
  }
  return parsed.data;
}

/** The validated query of a route as strings, for the record of what was asked. */
function recordedQueryOf(query: unknown): RecordedQuery {
  if (query === null || typeof query !== 'object') return {};
  const entries = Object.entries(query as Record<string, unknown>).filter(([, value]) => value !== undefined);
  return Object.fromEntries(entries.map(([key, value]) => [key, String(value)]));
}

/**
 * Appends the access record of a read of case-level data, before the answer is sent (docs/DOMAIN.md
 * section 9). Call it once the answer is ready and the caller is allowed to see it; if it
 * rejects, let the error propagate: the request ends as 503 and no case data leaves.
 */
export async function recordCaseDataRead(
  request: FastifyRequest,
  log: AccessLog,
  what: { readonly resource: CaseDataRead['resource']; readonly caseIds: readonly string[]; readonly query?: RecordedQuery },
): Promise<void> {
  const purposeGiven = purposeOf(request);
  await recordOrRefuse(log, {
    type: 'CaseDataRead',
    actor: actorOf(callerOf(request)),
    channel: 'http',
    resource: what.resource,
    caseIds: [...what.caseIds],
    query: what.query ?? recordedQueryOf(request.query),
    ...(purposeGiven !== undefined && { purpose: purposeGiven }),
    ...requestIds(request),
  });
}

export async function recordAccessLogRead(request: FastifyRequest, log: AccessLog, params: Readonly<Record<string, string>> = {}): Promise<void> {
  const purposeGiven = purposeOf(request);
  await recordOrRefuse(log, {
    type: 'AccessLogRead',
    actor: actorOf(callerOf(request)),
    channel: 'http',
    query: { ...params, ...recordedQueryOf(request.query) },
    ...(purposeGiven !== undefined && { purpose: purposeGiven }),
    ...requestIds(request),
  });
}

/** Puts a data-protection decision in the access log (docs/DOMAIN.md section 13); a failure propagates as 503. */
export async function recordDataProtection(
  request: FastifyRequest,
  log: AccessLog,
  what: Pick<DataProtectionRecorded, 'caseId' | 'outcome' | 'reason' | 'nextReviewDue'>,
): Promise<void> {
  await recordOrRefuse(log, {
    type: 'DataProtectionRecorded',
    actor: actorOf(callerOf(request)),
    channel: 'http',
    caseId: what.caseId,
    outcome: what.outcome,
    reason: what.reason,
    ...(what.nextReviewDue !== undefined && { nextReviewDue: what.nextReviewDue }),
    ...requestIds(request),
  });
}

/** The server's request id, and the caller's own beside it when it sent one. */
function requestIds(request: FastifyRequest): { requestId: string; clientRequestId?: string } {
  const clientRequestId = clientRequestIdOf(request);
  return { requestId: request.id, ...(clientRequestId !== undefined && { clientRequestId }) };
}

/** Whatever stops the record being written refuses the read (fail closed: 503, docs/CHECKS.md G2). */
async function recordOrRefuse(log: AccessLog, entry: AccessEntry): Promise<void> {
  try {
    await log.record(entry);
  } catch (error) {
    throw error instanceof AccessLogUnavailableError ? error : new AccessLogUnavailableError({ cause: error });
  }
}
