import type { AnnualReturn } from '../../projections/annual-return/return-types.js';
import type { ReturnQuery } from '../../projections/annual-return/assemble-return.js';
import type { SubmittedReturn } from '../../projections/revisions/revisions.js';
import type { RevisionsAnswer } from './known-at-revisions.js';
import type { Clock } from '../clock.js';
import type { EventStore, StoredEvent } from '../eventstore/eventstore.js';
import { accessLogProjection } from './access-log-projection.js';
import { returnAnswers, type ByAreaQuery, type SeriesQuery } from './annual-return-query.js';
import { foldInThisThread, type KnownAtFold } from './known-at-answers.js';
import { bindToLog } from './log-binding.js';
import { FOLLOWED_PREFIXES, type CaseProjector } from './project-case.js';
import { applyBatch, caseProjection, ProjectionRunner, type ProjectionStatus } from './projection-runner.js';
import { checkpointReaches, unavailability, type ProjectionName, type ProjectionService, type ProjectionsStatus, type RunnerStatus, type Unavailable } from './projection-service.js';
import { ReadModels } from './read-models.js';
import { freshReadModelFile, projectLogInto, replaceReadModelFile, type RebuildReport, type RebuildWorkers } from './rebuild.js';

const IN_MEMORY = ':memory:';

type ProjectionsInThreadOptions = {
  readonly onError?: (error: unknown) => void;
  readonly onRetry?: (error: unknown, delayMs: number) => void;
  /** Called once a rebuilt read-model file has replaced the old one (readers elsewhere open it again). */
  readonly onReplaced?: () => void;
  /** Called when a projection has caught up and follows the log, or failed to catch up. */
  readonly onStarted?: () => void;
  /** The read models were built from another log (log-binding.ts): they are rebuilt, this says why. */
  readonly onRebuildFromLog?: (reason: string) => void;
  /** What "today" is for a return's provisional mark; the system clock by default. */
  readonly clock?: Clock;
  /** Worker threads for a whole-log projection (first start, rebuild); none: in this thread. */
  readonly rebuildWorkers?: RebuildWorkers;
  /**
   * The fold of one case (projectCase by default). Tests give one that throws or stalls on an
   * event; with one given, whole-log projections stay in this thread, which alone has it.
   */
  readonly project?: CaseProjector;
  /** Answers questions about returns as known at an instant (by default folded in this thread: answerKnownAt). */
  readonly knownAt?: KnownAtFold;
};

/**
 * The read models and what keeps them current, in this thread: a first start projects the
 * whole log at once, then one runner follows the log for the caseload and the returns and
 * another for the access log's index. A rebuild builds fresh read models beside the live ones
 * and swaps them in with the runners stopped, so a rebuild never races live updates. The
 * server runs this in a worker thread (projections-in-worker.ts) where the store allows.
 */
export class ProjectionsInThread implements ProjectionService {
  #readModels: ReadModels;
  readonly #runner: ProjectionRunner;
  readonly #accessRunner: ProjectionRunner;
  readonly #starting = new Map<ProjectionRunner, { catchingUp: boolean; error: string | null }>();
  #rebuilding: Promise<RebuildReport> | undefined;
  #startup: Promise<void> | undefined;
  #closed = false;
  readonly #answers;

  constructor(
    private readonly store: EventStore,
    private readonly path: string,
    private readonly options: ProjectionsInThreadOptions = {},
  ) {
    this.#readModels = new ReadModels(path);
    const readModels = () => this.#readModels;
    this.#runner = new ProjectionRunner(store, caseProjection(store, readModels, options.project), options);
    this.#accessRunner = new ProjectionRunner(store, accessLogProjection(readModels), options);
    this.#answers = returnAnswers(readModels, options.knownAt ?? foldInThisThread(store), options.clock);
  }

  get readModels(): ReadModels {
    return this.#readModels;
  }

  status(): ProjectionsStatus {
    return { ...this.#statusOf(this.#runner), rebuilding: this.#rebuilding !== undefined, accessLog: this.#statusOf(this.#accessRunner) };
  }

  availability(projection: ProjectionName): Unavailable | null {
    const status = this.status();
    return unavailability(projection, projection === 'returns' ? status : status.accessLog, Date.now());
  }

  #statusOf(runner: ProjectionRunner): RunnerStatus {
    const status = runnerStatus(runner.status());
    const starting = this.#starting.get(runner);
    if (starting?.catchingUp) return { ...status, state: 'catching-up' };
    if (starting?.error != null && status.state !== 'running') return { ...status, state: 'failed', error: starting.error };
    return status;
  }

  /** Brings the read models up to the log's current end, then follows it live. */
  async start(onProgress?: (events: number) => void): Promise<void> {
    await this.catchUp(onProgress);
    this.follow();
  }

  /**
   * What a server does: catches up without being waited for (the projections say `catching-up`
   * meanwhile), then follows the log. A failure is kept in the status, never thrown, and the
   * access log's index is followed whatever became of the case projections. A first start loads
   * the file in place, in one transaction, so a reader elsewhere sees it empty, then whole.
   */
  startInBackground(): Promise<void> {
    this.#startup ??= (async () => {
      await this.#catchUpThenFollow(this.#runner, () => this.catchUp());
      await this.#catchUpThenFollow(this.#accessRunner, () => this.#catchUpAccessLog());
    })();
    return this.#startup;
  }

  /** Whether the case read models hold every event of the log now (a reader that does not keep them waits for this). */
  async current(): Promise<boolean> {
    const checkpoint = this.#readModels.checkpoint();
    for await (const _ of this.store.readAll({ ...(checkpoint !== null && { after: checkpoint }), streamPrefixes: FOLLOWED_PREFIXES, maxCount: 1, batchSize: 1 })) return false;
    return true;
  }

  async #catchUpThenFollow(runner: ProjectionRunner, catchUp: () => Promise<void>): Promise<void> {
    const starting = { catchingUp: true, error: null as string | null };
    this.#starting.set(runner, starting);
    try {
      await catchUp();
      starting.catchingUp = false;
      if (!this.#closed) runner.start();
    } catch (error) {
      starting.catchingUp = false;
      if (this.#closed) return;
      starting.error = error instanceof Error ? error.message : String(error);
      this.options.onError?.(error);
    }
    this.options.onStarted?.();
  }

  /** The access log's index brought up to the log's end in large batches, before its runner follows. */
  async #catchUpAccessLog(): Promise<void> {
    const index = accessLogProjection(() => this.#readModels);
    const checkpoint = index.checkpoint();
    let batch: StoredEvent[] = [];
    for await (const e of this.store.readAll({ ...(checkpoint !== null && { after: checkpoint }), streamPrefixes: index.streamPrefixes, batchSize: 2000 })) {
      batch.push(e);
      if (batch.length === 2000) {
        await index.apply(batch);
        batch = [];
      }
    }
    if (batch.length > 0) await index.apply(batch);
  }

  /** Follows the log from the read models' checkpoints (each projection its own). */
  follow(): void {
    this.#runner.start();
    this.#accessRunner.start();
  }

  /**
   * Brings the case read models up to the log's current end and stops there (for one-shot
   * commands): the whole log at once if they have never seen it, else the events after their
   * checkpoint.
   */
  async catchUp(onProgress?: (events: number) => void): Promise<void> {
    await bindToLog(this.store, this.#readModels, this.options.onRebuildFromLog);
    const checkpoint = this.#readModels.checkpoint();
    if (checkpoint === null) {
      await projectLogInto(this.store, this.#readModels, this.#whole(onProgress));
      return;
    }
    let events = 0;
    let batch: StoredEvent[] = [];
    for await (const e of this.store.readAll({ after: checkpoint, streamPrefixes: FOLLOWED_PREFIXES, batchSize: 2000 })) {
      batch.push(e);
      if (batch.length === 2000) {
        await applyBatch(this.store, this.#readModels, batch, undefined, this.options.project);
        onProgress?.((events += batch.length));
        batch = [];
      }
    }
    if (batch.length > 0) await applyBatch(this.store, this.#readModels, batch, undefined, this.options.project);
    onProgress?.(events + batch.length);
  }

  async stop(): Promise<void> {
    await Promise.all([this.#runner.stop(), this.#accessRunner.stop()]);
  }

  /** Resolves once events up to `position` are projected and answered from (a catch-up under way has ended). */
  caughtUpTo(position: bigint, timeoutMs = 10_000): Promise<void> {
    if (!this.#starting.get(this.#runner)?.catchingUp) return this.#runner.caughtUpTo(position, timeoutMs);
    const describe = () => this.availability('returns')?.detail ?? 'running';
    return checkpointReaches(() => this.#readModels.checkpoint(), position, timeoutMs, describe, () => this.availability('returns')?.reason !== 'catching-up');
  }

  /** A rebuild asked for while the projections still catch up waits for that to end first (the two would race). */
  rebuild(onProgress?: (events: number) => void): Promise<RebuildReport> {
    const startup = this.#startup;
    this.#rebuilding ??= (async () => {
      await startup;
      return this.#rebuild(onProgress);
    })().finally(() => {
      this.#rebuilding = undefined;
    });
    return this.#rebuilding;
  }

  async #rebuild(onProgress?: (events: number) => void): Promise<RebuildReport> {
    const inMemory = this.path === IN_MEMORY;
    const building = inMemory ? IN_MEMORY : freshReadModelFile(this.path);
    const fresh = new ReadModels(building);
    let report: RebuildReport;
    try {
      report = await projectLogInto(this.store, fresh, this.#whole(onProgress));
    } catch (error) {
      fresh.close();
      throw error;
    }
    // Runners that were following, or had failed (a rebuild is how failed read models are replaced), follow the fresh ones.
    const following = [this.#runner, this.#accessRunner].filter((runner) => runner.status().state !== 'stopped' || this.#starting.get(runner)?.error != null);
    await this.stop();
    this.#readModels.close();
    if (inMemory) this.#readModels = fresh;
    else {
      fresh.close();
      replaceReadModelFile(building, this.path);
      this.#readModels = new ReadModels(this.path);
      this.options.onReplaced?.();
    }
    for (const starting of this.#starting.values()) starting.error = null;
    // The fresh read models hold no access index: its runner builds it again from the log.
    for (const runner of following) runner.start();
    return report;
  }

  #whole(onProgress?: (events: number) => void) {
    const workers = this.options.project === undefined ? this.options.rebuildWorkers : undefined;
    return { ...(onProgress && { onProgress }), ...(workers && { workers }), ...(this.options.project && { project: this.options.project }) };
  }

  /** From the read models; with `knownAt`, folded from the log as it was then (returnAnswers). */
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

  async close(): Promise<void> {
    this.#closed = true;
    await this.stop();
    await this.#rebuilding?.catch(() => undefined);
    this.#readModels.close();
  }
}

function runnerStatus(status: ProjectionStatus): RunnerStatus {
  return { state: status.state, checkpoint: status.checkpoint, error: status.error, busySince: status.busySince };
}
