import { resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { tokenSettings } from '../auth/jwt-key.js';
import type { Config } from '../config.js';
import type { EventStore } from '../eventstore/eventstore.js';
import { openConfiguredStore } from '../eventstore/open-configured-store.js';
import { indexedAccessLog } from '../read-models/access-log-query.js';
import { openProjections, type ServedProjections } from '../read-models/open-projections.js';
import { holdReadModels } from '../read-models/holder.js';
import { opening } from '../startup-failure.js';
import { describeStoreLocation } from '../eventstore/describe-store-location.js';
import { accessLog as accessLogWriter } from '../access-log/writer.js';
import { systemClock } from '../clock.js';
import { buildApp } from './app.js';
import { projectionRoutes, submissionRoutes } from './projection-routes.js';
import { Lifecycle } from './lifecycle.js';
import { createLogger } from './logger.js';
import { webOptionsFor, webRoutes } from '../web/web-routes.js';
import { describeKeyStoreLocation, openConfiguredSubjectKeys } from '../personal-data/open-configured-keys.js';
import { SealedPersonalData } from '../personal-data/personal-data.js';
import type { SubjectKeys } from '../personal-data/subject-keys.js';

export type Server = {
  readonly app: FastifyInstance;
  readonly store: EventStore;
  readonly projections: ServedProjections;
  readonly subjectKeys: SubjectKeys;
  readonly logger: Logger;
  /** Readiness fails, then after `drainMs` the listener closes, in-flight requests finish, the store closes. */
  stop(drainMs: number): Promise<void>;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Config → store → app → listen, then the projections catch up in the background: nothing they
 * do (a long catch-up, an event they cannot apply, a fold that never ends) keeps the server from
 * listening, taking commands and serving case reads; their own routes answer 503 meanwhile.
 */
export async function serve(config: Config): Promise<Server> {
  const logger = createLogger(config.logLevel);
  const tokens = await opening('MAPPA_DATA_DIR', resolve(config.dataDir), () => tokenSettings(config));
  const readModelsAt = config.readModels === ':memory:' ? config.readModels : resolve(config.readModels);
  // One server per read-model file: two would both apply every batch (mappa rebuild asks too).
  const hold = await opening('MAPPA_READ_MODELS', readModelsAt, () => holdReadModels(config.readModels));
  let projections: ServedProjections | undefined;
  const subjectKeys = await opening('MAPPA_KEY_STORE', describeKeyStoreLocation(config.keyStore), () => openConfiguredSubjectKeys(config.keyStore)).catch((error: unknown) => {
    hold.release();
    throw error;
  });
  const store = await opening('MAPPA_STORE', describeStoreLocation(config.store), () =>
    openConfiguredStore(config.store, { onCommitted: () => projections?.noticeCommit?.() }),
  ).catch(async (error: unknown) => {
    await subjectKeys.close();
    hold.release();
    throw error;
  });
  const personalData = new SealedPersonalData(subjectKeys);
  const lifecycle = new Lifecycle();
  const clock = systemClock;
  const accessLog = accessLogWriter({ store, clock });
  projections = await opening('MAPPA_READ_MODELS', readModelsAt, () => openProjections(config, store, {
    clock,
    // A projection stops rather than skip an event it cannot read (docs/CHECKS.md P5); say so loudly.
    onError: (error) => logger.error({ err: error }, 'projections stopped: the read models no longer follow the log'),
    onRetry: (error, delayMs) => logger.warn({ err: error, delayMs }, 'projections wait for the event store'),
    onRebuildFromLog: (reason) => logger.warn({ reason }, 'the read models are rebuilt from the event log'),
  })).catch(async (error: unknown) => {
    await store.close();
    await subjectKeys.close();
    hold.release();
    throw error;
  });
  let app: FastifyInstance;
  try {
    app = await buildApp({
      config, store, tokens, logger, lifecycle, clock, accessLog, personalData, keys: subjectKeys,
      accessLogPages: indexedAccessLog(store, projections, { waitMs: config.auditWaitMs }),
      routes: [...projectionRoutes(projections, { clock, accessLog }), ...submissionRoutes(projections, { store, clock, accessLog, personalData }), ...webRoutes(webOptionsFor(config))],
      caseAreas: (caseId) => projections.readModels.caseArea(caseId),
    });
    await opening('HOST/PORT', `${config.host}:${config.port}`, () => app.listen({ host: config.host, port: config.port }));
  } catch (error) {
    await projections.close();
    await store.close();
    await subjectKeys.close();
    hold.release();
    throw error;
  }
  void projections.startInBackground();
  if (config.jwt.key.kind === 'local-dev-secret') {
    logger.info('tokens are verified with the local development secret; mint one with `npm run mappa -- token --help`');
  }
  return {
    app,
    store,
    projections,
    subjectKeys,
    logger,
    async stop(drainMs) {
      lifecycle.beginShutdown();
      await sleep(drainMs);
      await app.close();
      await projections.close();
      await store.close();
      await subjectKeys.close();
      hold.release();
    },
  };
}

/**
 * SIGTERM or SIGINT: stop gracefully and exit 0; exit 1 if that takes longer than the
 * configured timeout or fails (docs/CHECKS.md O1).
 */
export function stopGracefullyOnSignals(server: Server, shutdown: Config['shutdown']): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    server.logger.info({ signal }, 'shutting down: readiness fails, in-flight requests finish');
    setTimeout(() => {
      server.logger.error('shutdown did not finish in time');
      process.exit(1);
    }, shutdown.timeoutMs).unref();
    server.stop(shutdown.drainMs).then(
      () => {
        server.logger.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        server.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
}

/** Start-up failures as one line on stderr (store unopenable, port taken), then exit 1. */
export function exitOnStartFailure(error: unknown): never {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`mappa-engine could not start: ${message}\n`);
  process.exit(1);
}
