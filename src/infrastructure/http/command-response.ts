import type { FastifyReply } from 'fastify';
import type { HandledCommand } from '../command-handler/outcome.js';
import { caseNotFound, problem, ProblemError, refusal } from './problem.js';
import { etag } from './wire.js';

/**
 * Whether an answer that wrote nothing told the caller something of the case's state (a rule
 * refused it on the case as it stood, If-Match met another version, the command changed nothing,
 * or the case was in another area on the command's date): such an answer is a read of case
 * data and is recorded in the access log before it is sent. An absent case, an id already in
 * use, a date in the future and anything said to a referral (of a case that does not exist yet)
 * say nothing of any case.
 */
export function disclosesCase(handled: HandledCommand, commandType: string): boolean {
  if (commandType === 'ReferOffender') return false;
  switch (handled.kind) {
    case 'accepted':
      return handled.events.length === 0;
    case 'refused':
      return handled.code !== 'case-not-found' && handled.code !== 'case-already-exists' && handled.code !== 'occurred-in-future';
    case 'version-mismatch':
      return handled.actual >= 0;
    case 'area-not-permitted':
      return handled.reason === 'areas-changed';
    case 'conflict':
    case 'idempotency-key-reused':
      return false;
    default: {
      const unhandled: never = handled;
      throw new Error(`unhandled outcome ${(unhandled as HandledCommand).kind}`);
    }
  }
}

/**
 * The handler's outcome as an HTTP answer (docs/DOMAIN.md section 5). Everything in the status and
 * body comes from the outcome, so replaying an Idempotency-Key gives the same bytes.
 */
export function replyWithOutcome(reply: FastifyReply, handled: HandledCommand, referralArea: string | undefined): FastifyReply {
  if (handled.replayed) reply.header('idempotent-replayed', 'true');
  switch (handled.kind) {
    case 'accepted':
      return reply
        .code(handled.events.length > 0 ? 201 : 200)
        .header('etag', etag(handled.version))
        .send({ caseId: handled.caseId, version: handled.version, events: handled.events });
    case 'refused':
      if (handled.code === 'case-not-found') throw caseNotFound();
      if (handled.field !== undefined) {
        throw new ProblemError(problem(400, 'invalid-request', `the body is not valid: ${handled.field}: ${handled.message}`, { errors: [{ path: handled.field, message: handled.message }] }));
      }
      throw new ProblemError(refusal(422, handled.code, handled.message, handled.laterFact ? { laterFact: handled.laterFact } : {}));
    case 'version-mismatch':
      throw new ProblemError(
        problem(412, 'version-mismatch', `If-Match named version ${handled.expected}; the case is at version ${handled.actual}`, {
          expectedVersion: handled.expected,
          currentVersion: handled.actual,
        }),
      );
    case 'area-not-permitted':
      throw new ProblemError(
        handled.reason === 'referral-area'
          ? problem(403, 'area-not-permitted', `your token does not cover the area ${referralArea ?? 'named'}`)
          : problem(403, 'area-not-permitted', "the command would change the records of an area your token does not cover (the case's area on the command's date, or on a charge's offence date)"),
      );
    case 'conflict':
      throw new ProblemError(problem(409, 'conflict', `other commands kept changing the case; gave up after ${handled.attempts} attempts; nothing was written`));
    case 'idempotency-key-reused':
      throw new ProblemError(problem(422, 'idempotency-key-reused', 'this Idempotency-Key was first used for another request; nothing was written'));
    default: {
      const unhandled: never = handled;
      throw new Error(`unhandled outcome ${(unhandled as HandledCommand).kind}`);
    }
  }
}
