import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import { serializerCompiler, validatorCompiler, type FastifyPluginAsyncZod, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import { accessLog as accessLogWriter, type AccessLog } from '../access-log/writer.js';
import { tokenVerifier, type TokenSettings } from '../auth/verify-token.js';
import { systemClock, type Clock } from '../clock.js';
import { CaseAreas, type CaseAreaLookup } from '../command-handler/case-areas.js';
import { caseCommandHandler } from '../command-handler/handle-case-command.js';
import { dataProtectionHandler } from '../command-handler/handle-data-protection-command.js';
import { reapplyErasures } from '../personal-data/reapply-erasures.js';
import type { SubjectKeys } from '../personal-data/subject-keys.js';
import { KnownCases } from '../command-handler/known-cases.js';
import { DEFAULTS, type Config } from '../config.js';
import type { EventStore } from '../eventstore/eventstore.js';
import { keysInMemoryFor, SealedPersonalData, type PersonalData } from '../personal-data/personal-data.js';
import { scannedAccessLog, type AccessLogPages } from '../read-models/access-log-query.js';
import { registerAuthentication } from './authentication.js';
import { registerErrorHandler } from './error-handler.js';
import type { RegisteredRoute } from './fastify-types.js';
import { clientErrorHandler, closingProblem, frameworkErrors } from './framework-errors.js';
import { registerJsonBody } from './json-body.js';
import { Lifecycle } from './lifecycle.js';
import { createLogger } from './logger.js';
import { registerOpenApi } from './openapi.js';
import { problem, ProblemError, sendProblem } from './problem.js';
import { registerRateLimit } from './rate-limit.js';
import { newRequestId } from './request-id.js';
import { areaRoutes } from './routes/areas.js';
import { auditRoutes } from './routes/audit.js';
import { correctionRecipientsRoutes } from './routes/correction-recipients.js';
import { caseCommandRoutes } from './routes/case-commands.js';
import { caseEventsRoutes } from './routes/case-events.js';
import { caseReadRoutes } from './routes/case-read.js';
import { healthRoutes } from './routes/health.js';
import { registerSecurityHeaders } from './security-headers.js';

type AppDeps = {
  readonly config: Pick<Config, 'logLevel' | 'bodyLimitBytes' | 'rateLimit'> & { readonly timeouts?: Config['timeouts'] };
  readonly store: EventStore;
  readonly tokens: TokenSettings;
  readonly clock?: Clock;
  /** The application log; by default pino on stdout at the configured level. */
  readonly logger?: Logger;
  readonly lifecycle?: Lifecycle;
  /** Replaces the access-log writer (tests make it fail: docs/CHECKS.md G2). */
  readonly accessLog?: AccessLog;
  /** Where `/audit` pages come from: the access log's index (indexedAccessLog); by default a scan of the log. */
  readonly accessLogPages?: AccessLogPages;
  /**
   * More route plugins (e.g. `/caseload`, `/returns/...`), each made by a function given its
   * dependencies, as the core routes are. They inherit authentication, the rate limit,
   * problem+json errors and security headers; each route names its `config.action`
   * (auth/policy.ts), and a route answering with case-level data calls `recordCaseDataRead`
   * (http/access.ts) with the access log it was given before it replies.
   */
  readonly routes?: readonly (FastifyPluginAsync | FastifyPluginAsyncZod)[];
  /** Seals and opens personal fields (docs/DOMAIN.md section 13); by default under `keys`. */
  readonly personalData?: PersonalData;
  /**
   * The subjects' data keys (docs/DOMAIN.md section 13): an erasure destroys one. In memory by
   * default; a server is given the configured store.
   */
  readonly keys?: SubjectKeys;
  /** The read models' index of case areas (every case the projections followed), so visibility is decided before any stream is read from the start. */
  readonly caseAreas?: CaseAreaLookup;
};

const DEFAULT_TIMEOUTS: Config['timeouts'] = { headersMs: DEFAULTS.headersTimeoutMs, requestMs: DEFAULTS.requestTimeoutMs, idleMs: DEFAULTS.idleTimeoutMs };

/** The HTTP API (docs/DOMAIN.md sections 5, 6, 9), ready to `listen` or `inject`. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const clock = deps.clock ?? systemClock;
  const lifecycle = deps.lifecycle ?? new Lifecycle();
  const accessLog = deps.accessLog ?? accessLogWriter({ store: deps.store, clock });
  const cases = new KnownCases(deps.store, { areas: new CaseAreas(deps.caseAreas) });
  // One key store for sealing and erasure: an erasure must destroy the key the reads open with.
  const keys = deps.keys ?? keysInMemoryFor(deps.store);
  const personalData = deps.personalData ?? new SealedPersonalData(keys);
  const handle = caseCommandHandler({ store: deps.store, clock, cases, personalData });
  const handleDataProtection = dataProtectionHandler({ store: deps.store, clock, cases, keys });
  const logger = deps.logger ?? createLogger(deps.config.logLevel);
  // Before any request: a key store restored from before an erasure must not read with the key again.
  const revived = await reapplyErasures(deps.store, keys);
  if (revived.length > 0) logger.warn({ keys: revived.length }, 'keys of erased subjects were found in the key store (restored from an older backup?) and destroyed again');
  const timeouts = deps.config.timeouts ?? DEFAULT_TIMEOUTS;

  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    genReqId: newRequestId,
    bodyLimit: deps.config.bodyLimitBytes,
    // Every answer is problem+json, the framework's own included (framework-errors.ts).
    return503OnClosing: false,
    clientErrorHandler: clientErrorHandler(logger),
    frameworkErrors,
    requestTimeout: timeouts.requestMs,
    connectionTimeout: timeouts.idleMs,
    keepAliveTimeout: Math.min(timeouts.idleMs, 72_000),
    http: {
      // A request without Host reaches the app, which answers it with problem+json (Node would answer 400 with no body).
      requireHostHeader: false,
      requestTimeout: timeouts.requestMs,
      headersTimeout: timeouts.headersMs,
      // Node checks the two timeouts above this often (30 s by default).
      connectionsCheckingInterval: Math.max(50, Math.floor(Math.min(timeouts.headersMs, timeouts.requestMs) / 4)),
    },
    // HEAD would run a read (and its access record) to send no data: not offered.
    exposeHeadRoutes: false,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const registered: RegisteredRoute[] = [];
  app.decorate('registeredRoutes', registered);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) registered.push({ method, url: route.url, action: route.config?.action, hidden: route.schema?.hide === true });
  });

  // Hook order matters: request id, security headers, token, rate limit (keyed by the token's
  // subject), then the role check before any body is read.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  // Per-request hooks take callbacks: an async hook costs a promise and a turn for every request.
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    if (closing) {
      const { body, headers } = closingProblem();
      sendProblem(reply, body, headers);
      return;
    }
    if (request.raw.httpVersion === '1.1' && request.headers.host === undefined) {
      done(new ProblemError(problem(400, 'malformed-request', 'an HTTP/1.1 request needs a Host header')));
      return;
    }
    done();
  });
  registerSecurityHeaders(app);
  registerAuthentication(app, tokenVerifier(deps.tokens));
  await registerRateLimit(app, deps.config.rateLimit);
  // The idle timeout is for a client that stops sending; once the request is in, the answer may
  // take as long as its work does (a rebuild), so the connection's timer stops until it is sent.
  app.addHook('preHandler', (request, _reply, done) => {
    request.raw.socket?.setTimeout?.(0);
    done();
  });
  registerErrorHandler(app);
  registerJsonBody(app);
  await registerOpenApi(app);

  const accessLogPages = deps.accessLogPages ?? scannedAccessLog(deps.store);
  const routes = [
    healthRoutes({ store: deps.store, lifecycle }),
    caseCommandRoutes({ handle, handleDataProtection, accessLog }),
    caseReadRoutes({ cases, clock, accessLog, personalData }),
    caseEventsRoutes({ cases, accessLog, personalData }),
    areaRoutes({ store: deps.store, clock }),
    auditRoutes({ pages: accessLogPages, accessLog }),
    correctionRecipientsRoutes({ store: deps.store, pages: accessLogPages, accessLog }),
    ...(deps.routes ?? []),
  ];
  for (const plugin of routes) await app.register(plugin as FastifyPluginAsync);
  return app as unknown as FastifyInstance;
}
