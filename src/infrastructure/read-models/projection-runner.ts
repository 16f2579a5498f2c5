import { StoreUnavailableError, streams, type EventStore, type StoredEvent, type Subscription } from '../eventstore/eventstore.js';
import { batchesOf } from './batches.js';
import { caseIdOf, isCaseStream, populationRow, PROJECTED_PREFIXES, projectCase, timelineEntry } from './project-case.js';
import type { CaseOutputs, ReadModels } from './read-models.js';

export type ProjectionState = 'stopped' | 'running' | 'failed';
export type ProjectionStatus = { readonly state: ProjectionState; readonly checkpoint: bigint | null; readonly error: string | null };

/**
 * Applies a batch of log events: each case touched is projected again from its stream, read
 * up to the batch's last position so the outputs match the checkpoint written with them.
 * Re-projecting a whole case makes duplicates and replays harmless (CHECKS P2).
 */
export async function applyBatch(store: EventStore, readModels: ReadModels, batch: readonly StoredEvent[]): Promise<void> {
  const upTo = batch[batch.length - 1]!.globalPosition;
  const caseIds = new Set(batch.filter((e) => isCaseStream(e.streamName)).map((e) => caseIdOf(e.streamName)));
  const outputs: CaseOutputs[] = [];
  for (const caseId of caseIds) {
    const stored = (await store.readStream(streams.case(caseId))).filter((e) => e.globalPosition <= upTo);
    outputs.push(projectCase(caseId, stored.map(timelineEntry)));
  }
  const populations = batch.filter((e) => e.streamName.startsWith(streams.areaPrefix)).map(populationRow);
  readModels.apply(outputs, populations, upTo);
}

/**
 * Catch-up from the stored checkpoint, then live. An unavailable store (StoreUnavailableError)
 * makes it wait, with a growing delay, and resume from its checkpoint; anything else (an event
 * it cannot read) stops it and is kept in its status: it never skips an event.
 */
export class ProjectionRunner {
  #state: ProjectionState = 'stopped';
  #error: string | null = null;
  #subscription: Subscription | undefined;
  #loop: Promise<void> | undefined;
  #wake: (() => void) | undefined;
  readonly #waiters = new Set<{ position: bigint; resolve: () => void }>();

  constructor(
    private readonly store: EventStore,
    private readonly readModels: () => ReadModels,
    private readonly options: {
      readonly batchSize?: number;
      readonly onError?: (error: unknown) => void;
      /** The store did not answer; the runner waits `delayMs` and resumes from its checkpoint. */
      readonly onRetry?: (error: unknown, delayMs: number) => void;
    } = {},
  ) {}

  status(): ProjectionStatus {
    return { state: this.#state, checkpoint: this.readModels().checkpoint(), error: this.#error };
  }

  start(): void {
    if (this.#state === 'running') return;
    this.#state = 'running';
    this.#error = null;
    this.#loop = this.#run();
  }

  async #run(): Promise<void> {
    let delayMs = 100;
    while (this.#state === 'running') {
      const checkpoint = this.readModels().checkpoint();
      const subscription = (this.#subscription = this.store.subscribeToAll({
        ...(checkpoint !== null && { after: checkpoint }),
        streamPrefixes: PROJECTED_PREFIXES,
      }));
      try {
        for await (const batch of batchesOf(subscription, this.options.batchSize ?? 2000)) {
          await applyBatch(this.store, this.readModels(), batch);
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
    const checkpoint = this.readModels().checkpoint();
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
