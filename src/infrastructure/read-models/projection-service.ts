import type { AnnualReturn } from '../../projections/annual-return/return-types.js';
import type { ReturnQuery } from '../../projections/annual-return/assemble-return.js';
import type { SubmittedReturn } from '../../projections/revisions/revisions.js';
import type { ByAreaQuery, SeriesQuery } from './annual-return-query.js';
import type { RevisionsAnswer } from './known-at-revisions.js';
import type { ReadModels } from './read-models.js';
import type { RebuildReport } from './rebuild.js';

/** Where one projection stands: `catching-up` while it is brought up to the log before it follows it. */
export type RunnerStatus = {
  readonly state: 'stopped' | 'catching-up' | 'running' | 'failed';
  readonly checkpoint: bigint | null;
  readonly error: string | null;
  /** When the batch being applied was started (ms since the epoch); null between batches. */
  readonly busySince: number | null;
};

/** The case projections (caseload, returns) at the top level, the access log's index beside them. */
export type ProjectionsStatus = RunnerStatus & { readonly rebuilding: boolean; readonly accessLog: RunnerStatus };

export type ProjectionName = 'returns' | 'access-log';

/** Why a projection's read models cannot answer now; `retry` says whether waiting can help. */
export type Unavailable = { readonly reason: 'failed' | 'catching-up' | 'stalled' | 'stopped'; readonly detail: string; readonly retry: boolean };

/**
 * The read models and what keeps them current, as the HTTP routes see them: in this thread
 * (ProjectionsInThread) or in a worker thread (ProjectionsInWorker). Reads go to `readModels` (this
 * thread's own connection) only when `availability` says they can answer.
 */
export interface ProjectionService {
  readonly readModels: ReadModels;
  status(): ProjectionsStatus;
  availability(projection: ProjectionName): Unavailable | null;
  /** From the read models; with `knownAt`, folded from the log as it was then (off this thread where the store allows). */
  annualReturn(query: ReturnQuery): Promise<AnnualReturn>;
  /** The returns of an area for every reporting year up to `through` (the same sources). */
  returnSeries(query: SeriesQuery): Promise<AnnualReturn[]>;
  /** The returns of several areas for one reporting year (the same sources). */
  returnsByArea(query: ByAreaQuery): Promise<AnnualReturn[]>;
  /** A submitted return's revisions and the return now, folded from the log (off this thread where the store allows). */
  revisions(submission: SubmittedReturn): Promise<RevisionsAnswer>;
  rebuild(onProgress?: (events: number) => void): Promise<RebuildReport>;
  /** Resolves once the case projections have applied events up to `position`. */
  caughtUpTo(position: bigint, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** The read models (or the thread folding a `knownAt` return) cannot answer now: 503, saying why. */
export class ProjectionUnavailableError extends Error {
  constructor(readonly unavailable: Unavailable) {
    super(unavailable.detail);
    this.name = 'ProjectionUnavailableError';
  }
}

/** A batch running longer than this, or a worker silent this long, makes the read models stale: 503 until it ends. */
export const STALL_MS = 5000;

/**
 * Whether a projection can answer: not when it failed (with its reason), while it catches up,
 * or when it has been working on one batch (or not heard from) for longer than STALL_MS.
 */
export function unavailability(name: ProjectionName, status: RunnerStatus, now: number, silentSince: number | null = null): Unavailable | null {
  const what = name === 'returns' ? 'the caseload and annual-return projections' : "the access log's index";
  const at = status.checkpoint === null ? 'from the start of the log' : `at position ${status.checkpoint}`;
  switch (status.state) {
    case 'failed':
      return { reason: 'failed', detail: `${what} stopped on an event they cannot apply: ${status.error ?? 'unknown error'}`, retry: false };
    case 'catching-up':
      return { reason: 'catching-up', detail: `${what} are catching up with the event log (${at}); retry shortly`, retry: true };
    case 'stopped':
      return { reason: 'stopped', detail: `${what} are not running`, retry: true };
    case 'running':
      break;
    default: {
      const unknown: never = status.state;
      throw new Error(`unknown projection state ${String(unknown)}`);
    }
  }
  if (silentSince !== null && now - silentSince > STALL_MS) {
    return { reason: 'stalled', detail: `${what} have not answered for ${Math.round((now - silentSince) / 1000)} s (${at}); the figures would be stale; retry shortly`, retry: true };
  }
  if (status.busySince !== null && now - status.busySince > STALL_MS) {
    return { reason: 'stalled', detail: `${what} have been applying one batch for ${Math.round((now - status.busySince) / 1000)} s (${at}); the figures would be stale; retry shortly`, retry: true };
  }
  return null;
}

/**
 * Polls `checkpoint` until it reaches `position` (and, when given, until `answering` says the
 * projection answers: events applied by a catch-up that has not ended yet are not answered
 * from); rejects after `timeoutMs`. For a reader on another thread than the writer.
 */
export async function checkpointReaches(
  checkpoint: () => bigint | null,
  position: bigint,
  timeoutMs: number,
  describe: () => string,
  answering: () => boolean = () => true,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const at = checkpoint();
    if (at !== null && at >= position && answering()) return;
    if (Date.now() >= deadline) throw new Error(`projections did not reach position ${position} within ${timeoutMs} ms (${describe()})`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}
