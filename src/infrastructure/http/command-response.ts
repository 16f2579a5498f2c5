import type { FastifyReply } from 'fastify';
import { match, P } from 'ts-pattern';
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
  return match(handled)
    .with({ kind: 'accepted' }, (accepted) => accepted.events.length === 0)
    .with({ kind: 'refused' }, ({ code }) => code !== 'case-not-found' && code !== 'case-already-exists' && code !== 'occurred-in-future')
    .with({ kind: 'version-mismatch' }, ({ actual }) => actual >= 0)
    .with({ kind: 'area-not-permitted' }, ({ reason }) => reason === 'areas-changed')
    .with({ kind: P.union('conflict', 'idempotency-key-reused') }, () => false)
    .exhaustive();
}

/**
 * The handler's outcome as an HTTP answer (docs/DOMAIN.md section 5). Everything in the status and
 * body comes from the outcome, so replaying an Idempotency-Key gives the same bytes.
 */
export function replyWithOutcome(reply: FastifyReply, handled: HandledCommand, referralArea: string | undefined): FastifyReply {
  if (handled.replayed) reply.header('idempotent-replayed', 'true');
  return match(handled)
    .with({ kind: 'accepted' }, (accepted) =>
      reply
        .code(accepted.events.length > 0 ? 201 : 200)
        .header('etag', etag(accepted.version))
        .send({ caseId: accepted.caseId, version: accepted.version, events: accepted.events }),
    )
    .with({ kind: 'refused' }, (refused) => {
      if (refused.code === 'case-not-found') throw caseNotFound();
      if (refused.code === 'event-not-found') throw new ProblemError(refusal(404, refused.code, refused.message));
      if (refused.field !== undefined) {
        throw new ProblemError(problem(400, 'invalid-request', `the body is not valid: ${refused.field}: ${refused.message}`, { errors: [{ path: refused.field, message: refused.message }] }));
      }
      throw new ProblemError(refusal(422, refused.code, refused.message, refused.laterFact ? { laterFact: refused.laterFact } : {}));
    })
    .with({ kind: 'version-mismatch' }, ({ expected, actual }) => {
      throw new ProblemError(
        problem(412, 'version-mismatch', `If-Match named version ${expected}; the case is at version ${actual}`, { expectedVersion: expected, currentVersion: actual }),
      );
    })
    .with({ kind: 'area-not-permitted' }, ({ reason }) => {
      throw new ProblemError(
        reason === 'referral-area'
          ? problem(403, 'area-not-permitted', `your token does not cover the area ${referralArea ?? 'named'}`)
          : problem(403, 'area-not-permitted', "the command would change the records of an area your token does not cover (the case's area on the command's date, or on a charge's offence date)"),
      );
    })
    .with({ kind: 'conflict' }, ({ attempts }) => {
      throw new ProblemError(problem(409, 'conflict', `other commands kept changing the case; gave up after ${attempts} attempts; nothing was written`));
    })
    .with({ kind: 'idempotency-key-reused' }, () => {
      throw new ProblemError(problem(422, 'idempotency-key-reused', 'this Idempotency-Key was first used for another request; nothing was written'));
    })
    .exhaustive();
}
