import type { FastifyRequest } from 'fastify';
import type { CaseCommand } from '../../domain/case/commands.js';
import { caseOn, latestCase } from '../../domain/case/timeline.js';
import { idempotencyKeyId } from '../command-handler/idempotency-records.js';
import type { EventStore } from '../eventstore/eventstore.js';
import { readCaseStream } from '../queries/case-stream-read.js';
import { metadataOf } from '../stored-case-events.js';
import { callerOf, inCallerAreas } from './authentication.js';
import { caseNotFound, problem, ProblemError } from './problem.js';

/**
 * The area rule for commands (DOMAIN.md section 9), before the handler runs:
 * - a referral must name an area the caller covers (403 otherwise);
 * - any other command needs the case to exist and be managed in one of the caller's areas,
 *   else 404 exactly as for an absent case (A4);
 * - a transfer also needs the sending area: the case's area on the transfer's date.
 * A request replaying an Idempotency-Key whose events are already in the case is let through
 * whatever the case's area now, so a retried transfer answers as the first one did; only the
 * same subject can have written events under that key.
 */
export async function checkCommandAccess(
  request: FastifyRequest,
  store: EventStore,
  caseId: string,
  command: CaseCommand,
  idempotencyKey: string | undefined,
): Promise<void> {
  if (command.type === 'ReferOffender') {
    if (!inCallerAreas(request, command.area)) {
      throw new ProblemError(problem(403, 'area-not-permitted', `your token does not cover the area ${command.area}`));
    }
    return;
  }
  const loaded = await readCaseStream(store, caseId);
  const current = latestCase(loaded.timeline);
  if (current === null) throw caseNotFound();
  if (idempotencyKey !== undefined) {
    const keyId = idempotencyKeyId(callerOf(request).sub, idempotencyKey);
    if (loaded.stored.some((event) => metadataOf(event).idempotency?.keyId === keyId)) return;
  }
  if (!inCallerAreas(request, current.area)) throw caseNotFound();
  if (command.type === 'TransferCase') {
    const sending = caseOn(loaded.timeline, command.occurredOn);
    if (sending !== null && !inCallerAreas(request, sending.area)) {
      throw new ProblemError(problem(403, 'area-not-permitted', 'a transfer is made by the sending area, which your token does not cover'));
    }
  }
}
