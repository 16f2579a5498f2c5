/**
 * Every stream name the engine writes or reads, in one place: the cases and areas (the
 * projections follow these), the access log, the idempotency keys, the health probe and the
 * store's identity.
 */
const casePrefix = 'mappa-case-';
const areaPrefix = 'mappa-area-';
const returnsPrefix = 'mappa-returns-';
const accessPrefix = 'mappa-access-';
const idempotencyPrefix = 'mappa-idempotency-';
const subjectPrefix = 'mappa-subject-';

export const streams = {
  case: (caseId: string) => `${casePrefix}${caseId}`,
  area: (area: string) => `${areaPrefix}${area}`,
  /** An area's submitted returns (docs/DOMAIN.md section 11). */
  returns: (area: string) => `${returnsPrefix}${area}`,
  /**
   * A case's data-protection events (erasure, retention reviews: docs/DOMAIN.md section 13), out
   * of its timeline, so the projections of the case never see them.
   */
  subject: (caseId: string) => `${subjectPrefix}${caseId}`,
  subjectPrefix,
  casePrefix,
  areaPrefix,
  returnsPrefix,
  /**
   * A writer's access-log stream for one UTC day (`at` is an ISO instant): each writer appends
   * only to its own (access-log/records.ts says why).
   */
  access: (at: string, writerId: string) => `${accessPrefix}${at.slice(0, 10)}-${writerId}`,
  accessPrefix,
  /** The records of one Idempotency-Key (its id, per subject). */
  idempotency: (keyId: string) => `${idempotencyPrefix}${keyId}`,
  idempotencyPrefix,
  /** Never written: the health check reads its version to see that the store answers. */
  healthProbe: 'mappa-health-probe',
  /** Where a store that has no place of its own for it keeps its identity (EventStoreDB). */
  identity: 'mappa-store',
} as const;
