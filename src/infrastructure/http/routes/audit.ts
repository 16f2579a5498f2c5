import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { businessDate } from '../../../domain/shared/business-date.js';
import { instant } from '../../../domain/shared/instant.js';
import { safeText } from '../../../domain/shared/safe-text.js';
import { caseId } from '../../../domain/shared/ids.js';
import { accessLogRead, caseDataRead, dataProtectionRecorded } from '../../access-log/records.js';
import { instantBound } from '../../access-log/time-range.js';
import type { AccessLog } from '../../access-log/writer.js';
import type { AccessLogPages } from '../../read-models/access-log-query.js';
import { purposeHeaders, recordAccessLogRead } from '../access.js';
import { problemResponses } from '../problem.js';
import { projectionUnavailable } from '../projection-availability.js';

const MAX_AUDIT_PAGE = 1000;

const dateOrInstant = z.union([businessDate, instant]);

/** The largest global position any store gives (EventStoreDB packs two 64-bit halves into one). */
const MAX_POSITION = 2n ** 128n - 1n;

const auditQuery = z.object({
  caseId: caseId.optional().describe('Records of reads that included this case, and of data-protection decisions on it'),
  actor: safeText(200).optional().describe("The reader's token subject"),
  from: dateOrInstant.optional().describe('From this instant, or from the start of this London day'),
  to: dateOrInstant.optional().describe('Up to this instant, or to the end of this London day (inclusive)'),
  after: z
    .string()
    .regex(/^\d{1,39}$/, { message: 'must be a cursor from a previous page', abort: true })
    .refine((value) => BigInt(value) <= MAX_POSITION, { message: 'must be a cursor from a previous page' })
    .optional().describe('Cursor: the `next` of the previous page'),
  limit: z.coerce.number().int().min(1).max(MAX_AUDIT_PAGE).default(100),
});

const position = { recordId: z.string(), position: z.string() };
const auditPage = z.object({
  records: z.array(z.discriminatedUnion('type', [caseDataRead.extend(position), accessLogRead.extend(position), dataProtectionRecorded.extend(position)])),
  next: z.string().nullable(),
});

/** `GET /audit`: the access log, for auditors; reading it is itself recorded (docs/DOMAIN.md section 9). */
export const auditRoutes = ({ pages, accessLog }: { readonly pages: AccessLogPages; readonly accessLog: AccessLog }): FastifyPluginAsyncZod => async (app) => {
  app.get('/audit', {
    config: { action: 'audit:read' },
    schema: {
      summary: 'Read the access log (who read which case data, when, why)',
      tags: ['audit'],
      querystring: auditQuery,
      headers: purposeHeaders,
      response: { 200: auditPage, ...problemResponses },
    },
    handler: async (request) => {
      const { caseId: onCase, actor, from, to, after, limit } = request.query;
      const answer = await pages(
        { caseId: onCase, actor, from: from && instantBound(from, 'from'), to: to && instantBound(to, 'to') },
        { after: after === undefined ? undefined : BigInt(after), limit },
      );
      if (!answer.ok) throw projectionUnavailable([answer.unavailable]);
      const { page } = answer;
      await recordAccessLogRead(request, accessLog);
      const next = page.next === null ? null : `/audit?${nextQuery(request.query, page.next)}`;
      return { records: [...page.records], next };
    },
  });
};

function nextQuery(query: Record<string, unknown>, after: bigint): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && key !== 'after') params.set(key, String(value));
  params.set('after', after.toString());
  return params.toString();
}
