import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { caseStreamCommand } from '../../../domain/case/corrections.js';
import type { AccessLog } from '../../access-log/writer.js';
import { actorOf } from '../../auth/principal.js';
import type { CaseCommandHandler } from '../../command-handler/handle-case-command.js';
import { recordCaseDataRead } from '../access.js';
import { callerAreas, callerOf } from '../authentication.js';
import { disclosesCase, replyWithOutcome } from '../command-response.js';
import { problemResponses } from '../problem.js';
import { clientRequestIdOf } from '../request-id.js';
import { acceptedCommand, caseParams } from '../wire.js';

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

/**
 * `POST /cases/{caseId}/commands`: the command catalogue of docs/DOMAIN.md section 4, and the
 * corrections of section 10 (RetractEvents, CorrectEvents). The handler
 * applies the area policy with the caller's areas (README, "Who may do what"); an answer that
 * tells of the case's state without writing is recorded as a read of it.
 */
export const caseCommandRoutes = ({ handle, accessLog }: { readonly handle: CaseCommandHandler; readonly accessLog: AccessLog }): FastifyPluginAsyncZod => async (app) => {
  app.post('/cases/:caseId/commands', {
    config: { action: 'case:command' },
    schema: {
      summary: 'Issue a command to a case',
      tags: ['cases'],
      params: caseParams,
      headers: commandHeaders,
      body: caseStreamCommand,
      response: { 200: acceptedCommand, 201: acceptedCommand, ...problemResponses },
    },
    handler: async (request, reply) => {
      const { caseId } = request.params;
      const command = request.body;
      const ifMatch = request.headers['if-match'];
      const idempotencyKey = request.headers['idempotency-key'];
      const clientRequestId = clientRequestIdOf(request);
      const handled = await handle(caseId, command, {
        actor: actorOf(callerOf(request)),
        areas: callerAreas(request),
        correlationId: request.id,
        ...(clientRequestId !== undefined && { clientRequestId }),
        ...(ifMatch !== undefined && { expectedVersion: Number(ifMatch.slice(1, -1)) }),
        ...(idempotencyKey !== undefined && { idempotencyKey }),
      });
      if (disclosesCase(handled, command.type)) {
        await recordCaseDataRead(request, accessLog, { resource: 'command-outcome', caseIds: [caseId], query: { type: command.type, ...('occurredOn' in command && { occurredOn: command.occurredOn }) } });
      }
      return replyWithOutcome(reply, handled, command.type === 'ReferOffender' ? command.area : undefined);
    },
  });
};
