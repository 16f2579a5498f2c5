import { StoreUnavailableError, type EventLog, type EventStreams, type StoredEvent, type Subscription } from '../eventstore/eventstore.js';
import { streams } from '../eventstore/stream-names.js';
import { timelineOf } from '../../domain/case/timeline.js';
import { caseFacts } from '../../projections/annual-return/case-facts.js';
import { batchesOf } from './batches.js';
import { RecentCaseStreams, type KeptCase } from './recent-case-streams.js';
import { caseIdOf, extendCase, foldCase, isCaseStream, populationRow, FOLLOWED_PREFIXES, projectCase, type CaseProjector } from './project-case.js';
import { isRetraction, standingEntries, timelineEntry } from '../stored-case-events.js';
import { foldSubjectEvents } from './subject-standings-table.js';
import type { CaseChange, ReadModels } from './read-models.js';

type ProjectionState = 'stopped' | 'running' | 'failed';
export type ProjectionStatus = {
  readonly state: ProjectionState;
  readonly checkpoint: bigint | null;
  readonly error: string | null;
  /** When the batch being applied was started (ms since the epoch); null between batches. */
  readonly busySince: number | null;
};

/** What a runner follows the log for: which streams, where it stands, and how a batch is applied. */
export type FollowedProjection = {
  readonly streamPrefixes: readonly string[];
  checkpoint(): bigint | null;
  /** Forgets anything kept beside the read models, which may have been replaced (a rebuild). */
  reset?(): void;
  apply(batch: readonly StoredEvent[]): Promise<void>;
};

/** The caseload and the annual return: each case touched by a batch projected again (applyBatch). */
export function caseProjection(store: EventLog & Pick<EventStreams, 'readStream'>, readModels: () => ReadModels, project: CaseProjector = projectCase): FollowedProjection {
  const kept = new RecentCaseStreams();
  return {
    streamPrefixes: FOLLOWED_PREFIXES,
    checkpoint: () => readModels().checkpoint(),
    reset: () => kept.clear(),
    apply: (batch) => applyBatch(store, readModels(), batch, kept, project),
  };
}

/**
 * Applies a batch of log events: each case touched is projected again from its stream, as the
 * read models hold it (its events up to their checkpoint) and as it is up to the batch's last
 * position; the difference replaces its contribution. A batch at or before the checkpoint is
 * already applied, so replays and duplicates change nothing (docs/CHECKS.md P2).
 */
export async function applyBatch(
  /** A case touched by the batch is read whole from its stream when the runner did not keep it. */
  store: EventLog & Pick<EventStreams, 'readStream'>,
  readModels: ReadModels,
  batch: readonly StoredEvent[],
  kept?: RecentCaseStreams,
  project: CaseProjector = projectCase,
): Promise<void> {
  const upTo = batch[batch.length - 1]!.globalPosition;
  const checkpoint = readModels.checkpoint() ?? -1n;
  if (upTo <= checkpoint) return;
  const arrived = new Map<string, StoredEvent[]>();
  for (const e of batch) {
    if (e.globalPosition <= checkpoint || !isCaseStream(e.streamName)) continue;
    const events = arrived.get(e.streamName) ?? [];
    // A duplicate delivered within the batch is the same event again.
    if (events.length === 0 || events[events.length - 1]!.globalPosition < e.globalPosition) events.push(e);
    arrived.set(e.streamName, events);
  }
  const changes: CaseChange[] = [];
  const keptNow = new Map<string, KeptCase>();
  for (const [streamName, events] of arrived) {
    const caseId = caseIdOf(streamName);
    // A case whose first event is in this batch had nothing before the checkpoint: no read.
    const first = events[0]!.streamPosition === 0;
    const keptCase = first ? undefined : kept?.get(caseId);
    const known = first ? [] : (keptCase?.stream ?? (await store.readStream(streamName)).filter((e) => e.globalPosition <= checkpoint));
    const now = [...known, ...events];
    if (project !== projectCase) {
      const after = project(caseId, standingEntries(now));
      changes.push({ caseId, caseload: after.caseload, before: caseFacts(timelineOf(standingEntries(known))), after: after.facts });
      keptNow.set(caseId, { stream: now });
      continue;
    }
    const before = first ? undefined : (keptCase?.folded ?? foldCase(caseId, standingEntries(known)));
    // A retraction takes events out of the timeline: the case is folded again from what stands.
    const extended = before && !events.some(isRetraction) ? extendCase(caseId, before, events.map(timelineEntry)) : undefined;
    const folded = extended ?? foldCase(caseId, standingEntries(now));
    changes.push({ caseId, caseload: folded.outputs.caseload, before: before?.outputs.facts ?? null, after: folded.outputs.facts });
    keptNow.set(caseId, { stream: now, folded });
  }
  const populations = batch.filter((e) => e.globalPosition > checkpoint && e.streamName.startsWith(streams.areaPrefix)).map(populationRow);
  const fresh = batch.filter((e) => e.globalPosition > checkpoint);
  const subjects = foldSubjectEvents(fresh.filter((e, i) => i === 0 || e.globalPosition > fresh[i - 1]!.globalPosition), (caseId) => readModels.subjects.standingOf(caseId));
  readModels.apply(changes, populations, { position: upTo, eventId: batch[batch.length - 1]!.eventId }, subjects);
  if (kept) for (const [caseId, keptCase] of keptNow) kept.set(caseId, keptCase);
}

/**
 * Catch-up from the stored checkpoint, then live. An unavailable store (StoreUnavailableError)
 * makes it wait, with a growing delay, and resume from its checkpoint; anything else (an event
 * it cannot read) stops it and is kept in its status: it never skips an event.
 */
export class ProjectionRunner {
  #state: ProjectionState = 'stopped';
  #error: string | null = null;
  #busySince: number | null = null;
  #subscription: Subscription | undefined;
  #loop: Promise<void> | undefined;
  #wake: (() => void) | undefined;
  readonly #waiters = new Set<{ position: bigint; resolve: () => void }>();

  constructor(
    private readonly store: EventLog,
    private readonly projection: FollowedProjection,
    private readonly options: {
      readonly batchSize?: number;
      readonly onError?: (error: unknown) => void;
      /** The store did not answer; the runner waits `delayMs` and resumes from its checkpoint. */
      readonly onRetry?: (error: unknown, delayMs: number) => void;
    } = {},
  ) {}

  status(): ProjectionStatus {
    return { state: this.#state, checkpoint: this.projection.checkpoint(), error: this.#error, busySince: this.#busySince };
  }

  start(): void {
    if (this.#state === 'running') return;
    this.#state = 'running';
    this.#error = null;
    // The read models may have been replaced (a rebuild) or caught up without the runner.
    this.projection.reset?.();
    this.#loop = this.#run();
  }

  async #run(): Promise<void> {
    let delayMs = 100;
    while (this.#state === 'running') {
      const checkpoint = this.projection.checkpoint();
      const subscription = (this.#subscription = this.store.subscribeToAll({
        ...(checkpoint !== null && { after: checkpoint }),
        streamPrefixes: this.projection.streamPrefixes,
      }));
      try {
        for await (const batch of batchesOf(subscription, this.options.batchSize ?? 2000)) {
          this.#busySince = Date.now();
          try {
            await this.projection.apply(batch);
          } finally {
            this.#busySince = null;
          }
          this.#notify(batch[batch.length - 1]!.globalPosition);
          delayMs = 100;
        }
        // The subscription ended: it was closed by stop().
        return;
      } catch (error) {
        await subscription.close();
        if (this.#state !== 'running') return;
        if (!(error instanceof StoreUnavailableError)) {
          this.#state = 'failed';
          this.#error = error instanceof Error ? error.message : String(error);
          this.options.onError?.(error);
          return;
        }
        this.options.onRetry?.(error, delayMs);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, delayMs);
          this.#wake = () => (clearTimeout(timer), resolve());
        });
        this.#wake = undefined;
        delayMs = Math.min(delayMs * 2, 5000);
      }
    }
  }

  async stop(): Promise<void> {
    if (this.#state === 'running') this.#state = 'stopped';
    this.#wake?.();
    await this.#subscription?.close();
    await this.#loop;
    this.#subscription = undefined;
  }

  /** Resolves once events up to `position` are projected (read-your-writes for callers that need it). */
  async caughtUpTo(position: bigint, timeoutMs = 10_000): Promise<void> {
    const checkpoint = this.projection.checkpoint();
    if (checkpoint !== null && checkpoint >= position) return;
    await new Promise<void>((resolve, reject) => {
      const waiter = { position, resolve: () => (clearTimeout(timer), resolve()) };
      const timer = setTimeout(() => {
        this.#waiters.delete(waiter);
        reject(new Error(`projections did not reach position ${position} within ${timeoutMs} ms (${this.#state}${this.#error ? `: ${this.#error}` : ''})`));
      }, timeoutMs);
      this.#waiters.add(waiter);
    });
  }

  #notify(position: bigint): void {
    for (const waiter of this.#waiters) {
      if (waiter.position <= position) {
        this.#waiters.delete(waiter);
        waiter.resolve();
      }
    }
  }
}
