import type { AnnualReturn } from '../../projections/annual-return/annual-return.js';
import type { ReturnQuery } from '../../projections/annual-return/compute-return.js';
import { londonDate, systemClock, type Clock } from '../clock.js';
import type { EventStore, StoredEvent } from '../eventstore/eventstore.js';
import { annualReturnFromReadModels } from './annual-return-query.js';
import type { ReturnFormat } from '../../projections/annual-return/annual-return.js';
import type { ReportingYear } from '../../domain/shared/reporting-year.js';
import { logKnownAt, returnAsKnownAt, returnFromLog } from './known-at-return.js';
import { firstYearOfCases, reportingYearsBetween } from './return-series.js';
import { PROJECTED_PREFIXES } from './project-case.js';
import { applyBatch, ProjectionRunner, type ProjectionStatus } from './projection-runner.js';
import { bindToLog } from './log-binding.js';
import { ReadModels } from './read-models.js';
import { freshReadModelFile, projectLogInto, replaceReadModelFile, type RebuildReport, type RebuildWorkers } from './rebuild.js';

const IN_MEMORY = ':memory:';

/**
 * The read models and what keeps them current: a first start projects the whole log at once,
 * then the runner follows it live. A rebuild builds fresh read models beside the live ones
 * and swaps them in with the runner stopped, so a rebuild never races live updates.
 */
export class Projections {
  #readModels: ReadModels;
  readonly #runner: ProjectionRunner;
  #rebuilding: Promise<RebuildReport> | undefined;

  constructor(
    private readonly store: EventStore,
    private readonly path: string,
    private readonly options: {
      readonly onError?: (error: unknown) => void;
      readonly onRetry?: (error: unknown, delayMs: number) => void;
      /** The read models were built from another log (log-binding.ts): they are rebuilt, this says why. */
      readonly onRebuildFromLog?: (reason: string) => void;
      /** What "today" is for a return's provisional mark; the system clock by default. */
      readonly clock?: Clock;
      /** Worker threads for a whole-log projection (first start, rebuild); none: in this thread. */
      readonly rebuildWorkers?: RebuildWorkers;
    } = {},
  ) {
    this.#readModels = new ReadModels(path);
    this.#runner = new ProjectionRunner(store, () => this.#readModels, options);
  }

  get readModels(): ReadModels {
    return this.#readModels;
  }

  status(): ProjectionStatus & { readonly rebuilding: boolean } {
    return { ...this.#runner.status(), rebuilding: this.#rebuilding !== undefined };
  }

  /** Brings the read models up to the log's current end, then follows it live. */
  async start(onProgress?: (events: number) => void): Promise<void> {
    await this.catchUp(onProgress);
    this.#runner.start();
  }

  /**
   * Brings the read models up to the log's current end and stops there (for one-shot commands):
   * the whole log at once if they have never seen it, else the events after their checkpoint.
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
    for await (const e of this.store.readAll({ after: checkpoint, streamPrefixes: PROJECTED_PREFIXES, batchSize: 2000 })) {
      batch.push(e);
      if (batch.length === 2000) {
        await applyBatch(this.store, this.#readModels, batch);
        onProgress?.((events += batch.length));
        batch = [];
      }
    }
    if (batch.length > 0) await applyBatch(this.store, this.#readModels, batch);
    onProgress?.(events + batch.length);
  }

  async stop(): Promise<void> {
    await this.#runner.stop();
  }

  caughtUpTo(position: bigint, timeoutMs?: number): Promise<void> {
    return this.#runner.caughtUpTo(position, timeoutMs);
  }

  rebuild(onProgress?: (events: number) => void): Promise<RebuildReport> {
    this.#rebuilding ??= this.#rebuild(onProgress).finally(() => {
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
    const wasRunning = this.#runner.status().state === 'running';
    await this.#runner.stop();
    this.#readModels.close();
    if (inMemory) this.#readModels = fresh;
    else {
      fresh.close();
      replaceReadModelFile(building, this.path);
      this.#readModels = new ReadModels(this.path);
    }
    if (wasRunning) this.#runner.start();
    return report;
  }

  #whole(onProgress?: (events: number) => void) {
    return { ...(onProgress && { onProgress }), ...(this.options.rebuildWorkers && { workers: this.options.rebuildWorkers }) };
  }

  /**
   * From the read models; with `knownAt`, folded from the log as it was then. Provisional while
   * the year had not ended on the day of `knownAt`, or today by the injected clock.
   */
  async annualReturn(query: ReturnQuery): Promise<AnnualReturn> {
    const figuresOn = query.figuresOn ?? londonDate(query.knownAt ? new Date(query.knownAt) : (this.options.clock ?? systemClock).now());
    return query.knownAt
      ? returnAsKnownAt(this.store, { ...query, knownAt: query.knownAt, figuresOn })
      : annualReturnFromReadModels(this.#readModels, { ...query, figuresOn });
  }

  /**
   * The returns of one area (or England and Wales) for every reporting year from the first
   * that counts anything to `through`; each year in `format`, or in its own default format.
   */
  async returnSeries(query: { readonly area: string; readonly through: ReportingYear; readonly format?: ReturnFormat; readonly knownAt?: string }): Promise<AnnualReturn[]> {
    const { area, format, knownAt } = query;
    const asked = (reportingYear: ReportingYear) => ({ area, reportingYear, ...(format !== undefined && { format }) });
    if (knownAt !== undefined) {
      const log = await logKnownAt(this.store, knownAt);
      return reportingYearsBetween(firstYearOfCases(log.cases), query.through).map((year) => returnFromLog(log, { ...asked(year), knownAt }));
    }
    const readModels = this.#readModels;
    return reportingYearsBetween(readModels.firstReportingYear(), query.through).map((year) => annualReturnFromReadModels(readModels, asked(year)));
  }

  /** The returns of several areas for one reporting year, side by side. */
  async returnsByArea(query: { readonly reportingYear: ReportingYear; readonly areas: readonly string[]; readonly format?: ReturnFormat; readonly knownAt?: string }): Promise<AnnualReturn[]> {
    const { reportingYear, format, knownAt } = query;
    const asked = (area: string) => ({ area, reportingYear, ...(format !== undefined && { format }) });
    if (knownAt !== undefined) {
      const log = await logKnownAt(this.store, knownAt);
      return query.areas.map((area) => returnFromLog(log, { ...asked(area), knownAt }));
    }
    const readModels = this.#readModels;
    return query.areas.map((area) => annualReturnFromReadModels(readModels, asked(area)));
  }

  async close(): Promise<void> {
    await this.#runner.stop();
    await this.#rebuilding?.catch(() => undefined);
    this.#readModels.close();
  }
}
