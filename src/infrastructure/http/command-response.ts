import type { FastifyReply } from 'fastify';
import type { HandledCommand } from '../command-handler/outcome.js';
import { caseNotFound, problem, ProblemError, refusal } from './problem.js';
import { etag } from './wire.js';

/**
 * The handler's outcome as an HTTP answer (DOMAIN.md section 5). Everything in the status and
 * body comes from the outcome, so replaying an Idempotency-Key gives the same bytes.
 */
export function replyWithOutcome(reply: FastifyReply, handled: HandledCommand): FastifyReply {
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
