import { Worker } from 'node:worker_threads';
import type { AnnualReturn } from '../../projections/annual-return/return-types.js';
import type { ReturnQuery } from '../../projections/annual-return/assemble-return.js';
import type { SubmittedReturn } from '../../projections/revisions/revisions.js';
import type { RevisionsAnswer } from './known-at-revisions.js';
import type { Clock } from '../clock.js';
import type { StoreLocation } from '../config.js';
import { returnAnswers, type ByAreaQuery, type SeriesQuery } from './annual-return-query.js';
import type { KnownAtFold } from './known-at-answers.js';
import type { FromProjectionWorker, ProjectionWorkerData, ToProjectionWorker } from './projection-worker.js';
import {
  checkpointReaches, ProjectionUnavailableError, unavailability,
  type ProjectionName, type ProjectionService, type ProjectionsStatus, type RunnerStatus, type Unavailable,
} from './projection-service.js';
import { ReadModels } from './read-models.js';
import type { RebuildReport, RebuildWorkers } from './rebuild.js';

const THREAD = new URL('./worker-thread.mjs', import.meta.url);
const ENTRY = new URL('./projection-worker-entry.ts', import.meta.url);

/** How long a worker asked to stop may take before it is terminated (a fold that never ends does not stop by itself). */
const STOP_GRACE_MS = 3000;

type ProjectionsInWorkerOptions = {
  readonly location: StoreLocation;
  /** The read-model file, shared by the worker (which writes it) and this thread (which reads it). */
  readonly path: string;
  readonly rebuildWorkers?: RebuildWorkers;
  /** Folds `knownAt` returns (knownAtInWorker); closed with the projections. */
  readonly knownAt: KnownAtFold & { prepare?(): void; close?(): Promise<void> };
  readonly onError?: (error: Error) => void;
  readonly onRetry?: (error: Error, delayMs: number) => void;
  /** The read models were built from another log: the worker rebuilds them, this says why. */
  readonly onRebuildFromLog?: (reason: string) => void;
  /** What "today" is for a return's provisional mark; the system clock by default. */
  readonly clock?: Clock;
  /** The module the worker runs (projection-worker-entry.ts); tests give one with their own fold. */
  readonly entry?: URL;
};

const starting = (checkpoint: bigint | null): RunnerStatus => ({ state: 'catching-up', checkpoint, error: null, busySince: null });

/**
 * The projections of a server, run in a worker thread (projection-worker.ts) so that a slow or
 * failing fold can hold up nothing else: this thread listens, takes commands and serves case
 * reads whatever the projections do. It reads the read models through its own connection to
 * the same SQLite file, and answers from them only when the worker's heartbeat says they are
 * current (ProjectionService.availability).
 */
export class ProjectionsInWorker implements ProjectionService {
  #readModels: ReadModels;
  #worker: Worker | undefined;
  #status: ProjectionsStatus;
  #heardAt = Date.now();
  #stopped: string | null = null;
  #nextRebuild = 0;
  #commitNoticed = false;
  readonly #answers;
  readonly #rebuilds = new Map<number, { resolve: (report: RebuildReport) => void; reject: (error: Error) => void }>();

  constructor(private readonly options: ProjectionsInWorkerOptions) {
    // Opened here first: a file of another layout is reset before the worker opens it.
    this.#readModels = new ReadModels(options.path);
    const checkpoint = this.#readModels.checkpoint();
    this.#status = { ...starting(checkpoint), rebuilding: false, accessLog: starting(this.#readModels.accessLog.checkpoint()) };
    this.#answers = returnAnswers(() => this.#readModels, options.knownAt, options.clock);
  }

  get readModels(): ReadModels {
    return this.#readModels;
  }

  /** Starts the worker; it catches up and follows the log on its own. */
  startInBackground(): void {
    if (this.#worker) return;
    // The thread answering `knownAt` returns takes the log in meanwhile, not on the first question.
    this.options.knownAt.prepare?.();
    const data: ProjectionWorkerData & { module: string; background: true } = {
      module: (this.options.entry ?? ENTRY).href,
      background: true,
      location: this.options.location,
      path: this.options.path,
      ...(this.options.rebuildWorkers && { rebuildWorkers: this.options.rebuildWorkers }),
    };
    const worker = (this.#worker = new Worker(THREAD, { workerData: data, resourceLimits: { maxYoungGenerationSizeMb: 48 } }));
    this.#heardAt = Date.now();
    worker.on('message', (message: FromProjectionWorker) => this.#receive(message));
    worker.on('error', (error) => this.#lost(`the projection worker failed: ${error.message}`));
    worker.on('exit', (code) => this.#lost(`the projection worker stopped (exit code ${code})`));
  }

  /** Appends committed in this thread: the worker follows them at once (one message per turn of the event loop at most). */
  noticeCommit(): void {
    if (this.#commitNoticed || !this.#worker) return;
    this.#commitNoticed = true;
    setImmediate(() => {
      this.#commitNoticed = false;
      this.#worker?.postMessage({ kind: 'committed' } satisfies ToProjectionWorker);
    });
  }

  #receive(message: FromProjectionWorker): void {
    this.#heardAt = Date.now();
    switch (message.kind) {
      case 'status':
        this.#status = message.status;
        break;
      case 'replaced':
        this.#readModels.close();
        this.#readModels = new ReadModels(this.options.path);
        break;
      case 'rebuilt':
        this.#rebuilds.get(message.id)?.resolve(message.report);
        this.#rebuilds.delete(message.id);
        break;
      case 'rebuild-failed':
        this.#rebuilds.get(message.id)?.reject(new Error(message.error));
        this.#rebuilds.delete(message.id);
        break;
      case 'problem':
        if (message.level === 'error') this.options.onError?.(new Error(message.message));
        else this.options.onRetry?.(new Error(message.message), message.delayMs ?? 0);
        break;
      case 'rebuilt-from-log':
        this.options.onRebuildFromLog?.(message.reason);
        break;
      default: {
        const unknown: never = message;
        throw new Error(`unknown message from the projection worker: ${JSON.stringify(unknown)}`);
      }
    }
  }

  #lost(reason: string): void {
    if (this.#stopped !== null) return;
    this.#stopped = reason;
    this.#worker = undefined;
    for (const { reject } of this.#rebuilds.values()) reject(new Error(reason));
    this.#rebuilds.clear();
    this.options.onError?.(new Error(reason));
  }

  status(): ProjectionsStatus {
    // Checkpoints as this thread reads them: what its answers come from.
    const returns = { ...this.#status, checkpoint: this.#readModels.checkpoint() };
    const accessLog = { ...this.#status.accessLog, checkpoint: this.#readModels.accessLog.checkpoint() };
    if (this.#stopped === null) return { ...returns, accessLog };
    const failed = (s: RunnerStatus): RunnerStatus => ({ ...s, state: 'failed', error: this.#stopped, busySince: null });
    return { ...failed(returns), rebuilding: false, accessLog: failed(accessLog) };
  }

  availability(projection: ProjectionName): Unavailable | null {
    const status = this.status();
    return unavailability(projection, projection === 'returns' ? status : status.accessLog, Date.now(), this.#stopped === null ? this.#heardAt : null);
  }

  annualReturn(query: ReturnQuery): Promise<AnnualReturn> {
    return this.#answers.annualReturn(query);
  }

  returnSeries(query: SeriesQuery): Promise<AnnualReturn[]> {
    return this.#answers.returnSeries(query);
  }

  returnsByArea(query: ByAreaQuery): Promise<AnnualReturn[]> {
    return this.#answers.returnsByArea(query);
  }

  revisions(submission: SubmittedReturn): Promise<RevisionsAnswer> {
    return this.#answers.revisions(submission);
  }

  rebuild(): Promise<RebuildReport> {
    const worker = this.#worker;
    if (!worker) return Promise.reject(new ProjectionUnavailableError({ reason: 'failed', detail: this.#stopped ?? 'the projections are not running', retry: false }));
    const id = this.#nextRebuild++;
    return new Promise((resolve, reject) => {
      this.#rebuilds.set(id, { resolve, reject });
      worker.postMessage({ kind: 'rebuild', id } satisfies ToProjectionWorker);
    });
  }

  caughtUpTo(position: bigint, timeoutMs = 10_000): Promise<void> {
    const describe = () => this.availability('returns')?.detail ?? 'running';
    return checkpointReaches(() => this.#readModels.checkpoint(), position, timeoutMs, describe, () => this.availability('returns')?.reason !== 'catching-up');
  }

  async close(): Promise<void> {
    const worker = this.#worker;
    this.#stopped ??= 'the projections were stopped';
    this.#worker = undefined;
    if (worker) {
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      worker.postMessage({ kind: 'stop' } satisfies ToProjectionWorker);
      const timer = setTimeout(() => void worker.terminate(), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
    }
    await this.options.knownAt.close?.();
    this.#readModels.close();
  }
}
