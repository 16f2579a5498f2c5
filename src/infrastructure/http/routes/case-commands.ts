import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isDataProtectionCommand } from '../../../domain/data-protection/events.js';
import type { AccessLog } from '../../access-log/writer.js';
import { actorOf } from '../../auth/principal.js';
import { permissionFor, type Action } from '../../auth/policy.js';
import type { Role } from '../../auth/actor.js';
import { ALL_AREAS } from '../../auth/principal.js';
import type { CaseCommandHandler } from '../../command-handler/handle-case-command.js';
import type { DataProtectionHandler } from '../../command-handler/handle-data-protection-command.js';
import { recordCaseDataRead, recordDataProtection } from '../access.js';
import { callerOf } from '../authentication.js';
import { disclosesCase, replyWithOutcome } from '../command-response.js';
import { problem, ProblemError, problemResponses } from '../problem.js';
import { clientRequestIdOf } from '../request-id.js';
import { acceptedCommand, caseCommandBody, caseParams } from '../wire.js';

const commandHeaders = z.looseObject({
  'if-match': z
    .string()
    .regex(/^"(-1|0|[1-9]\d{0,14})"$/, { message: 'must be a quoted case version, e.g. "3" ("-1": the case must not exist yet)' })
    .optional()
    .describe('Append only if the case is at this version, else 412'),
  'idempotency-key': z
    .string()
    .regex(/^[\x21-\x7e]{1,255}$/, { message: 'must be 1-255 visible ASCII characters' })
    .optional()
    .describe('The same key and body again returns the first answer and writes nothing (per token subject)'),
});

/** The action each command needs (auth/policy.ts): the data-protection commands have their own. */
const actionOf = (type: string): Action => (type === 'EraseSubjectData' ? 'subject:erase' : type === 'RecordRetentionReview' ? 'retention:review' : 'case:command');

/**
 * The route's action, checked before the body is read: `case:command`, or for a role that holds
 * none but may erase (data-protection staff) `subject:erase`. The command's own action is checked
 * once the body says which it is, so a coordinator's erasure, like a data-protection officer's
 * transfer, is 403.
 */
const routeAction = (role: Role | undefined): Action =>
  role !== undefined && permissionFor(role, 'case:command') === undefined && permissionFor(role, 'subject:erase') !== undefined ? 'subject:erase' : 'case:command';

/**
 * `POST /cases/{caseId}/commands`: the command catalogue of docs/DOMAIN.md section 4, and the
 * corrections of section 10 (RetractEvents, CorrectEvents). The handler
 * applies the area policy with the caller's areas (README, "Who may do what"); an answer that
 * tells of the case's state without writing is recorded as a read of it.
 */
export const caseCommandRoutes = ({ handle, handleDataProtection, accessLog }: { readonly handle: CaseCommandHandler; readonly handleDataProtection: DataProtectionHandler; readonly accessLog: AccessLog }): FastifyPluginAsyncZod => async (app) => {
  app.post('/cases/:caseId/commands', {
    config: { action: (request) => routeAction(request.principal?.role) },
    schema: {
      summary: 'Issue a command to a case',
      tags: ['cases'],
      params: caseParams,
      headers: commandHeaders,
      body: caseCommandBody,
      response: { 200: acceptedCommand, 201: acceptedCommand, ...problemResponses },
    },
    handler: async (request, reply) => {
      const { caseId } = request.params;
      const command = request.body;
      const ifMatch = request.headers['if-match'];
      const idempotencyKey = request.headers['idempotency-key'];
      const clientRequestId = clientRequestIdOf(request);
      const caller = callerOf(request);
      const needed = actionOf(command.type);
      const scope = permissionFor(caller.role, needed);
      if (scope === undefined) throw new ProblemError(problem(403, 'forbidden', `the role ${caller.role} may not ${needed}`));
      const context = {
        actor: actorOf(caller),
        areas: scope === 'any-area' ? ALL_AREAS : caller.areas,
        correlationId: request.id,
        ...(clientRequestId !== undefined && { clientRequestId }),
        ...(ifMatch !== undefined && { expectedVersion: Number(ifMatch.slice(1, -1)) }),
        ...(idempotencyKey !== undefined && { idempotencyKey }),
      };
      const handled = isDataProtectionCommand(command) ? await handleDataProtection(caseId, command, context) : await handle(caseId, command, context);
      // A decision on the subject's data is in the access log too, once (not again on a replay).
      if (isDataProtectionCommand(command) && handled.kind === 'accepted' && handled.events.length > 0 && !handled.replayed) {
        const outcome = command.type === 'EraseSubjectData' ? 'erase' : command.outcome;
        await recordDataProtection(request, accessLog, { caseId, outcome, reason: command.reason, ...('nextReviewDue' in command && command.nextReviewDue !== undefined && { nextReviewDue: command.nextReviewDue }) });
      }
      if (disclosesCase(handled, command.type)) {
        await recordCaseDataRead(request, accessLog, { resource: 'command-outcome', caseIds: [caseId], query: { type: command.type, ...('occurredOn' in command && { occurredOn: command.occurredOn }) } });
      }
      return replyWithOutcome(reply, handled, command.type === 'ReferOffender' ? command.area : undefined);
    },
  });
};
