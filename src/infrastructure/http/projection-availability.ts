import type { ProjectionName, ProjectionService, ProjectionsStatus, RunnerStatus, Unavailable } from '../read-models/projection-service.js';
import { problem, ProblemError } from './problem.js';

/** Seconds a client should wait before asking read models that are catching up or stalled again. */
const PROJECTION_RETRY_AFTER_SECONDS = '5';

export function projectionUnavailable(unavailable: readonly Unavailable[], extra: Record<string, unknown> = {}): ProblemError {
  const detail = unavailable.map((u) => u.detail).join('; ');
  const reasons = unavailable.map((u) => u.reason);
  return new ProblemError(
    problem(503, 'projection-unavailable', detail, { reasons, ...extra }),
    unavailable.some((u) => u.retry) ? { 'retry-after': PROJECTION_RETRY_AFTER_SECONDS } : {},
  );
}

/**
 * A route answering from the read models calls this first: when the projection failed, is
 * catching up or is stuck on a batch, the answer is 503 problem+json saying which, never stale
 * or half-built figures.
 */
export function assertAnswerable(projections: ProjectionService, name: ProjectionName): void {
  const unavailable = projections.availability(name);
  if (unavailable !== null) throw projectionUnavailable([unavailable]);
}

const runnerJson = (s: RunnerStatus) => ({
  state: s.state,
  checkpoint: s.checkpoint?.toString() ?? null,
  error: s.error,
  busySince: s.busySince === null ? null : new Date(s.busySince).toISOString(),
});

/** The status as JSON (positions as strings, instants as ISO). */
export function statusJson(status: ProjectionsStatus) {
  return { ...runnerJson(status), rebuilding: status.rebuilding, accessLog: runnerJson(status.accessLog) };
}
