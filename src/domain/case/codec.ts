import { caseEvent, CASE_EVENT_TYPES, CURRENT_SCHEMA_VERSION, type CaseEvent, type CaseEventType } from './events.js';
import { UPCASTERS } from './upcasters.js';

/** The stored form of a case event: type and schema version in the envelope, the rest as data. */
export type EncodedCaseEvent = { readonly type: CaseEventType; readonly schemaVersion: number; readonly data: Record<string, unknown> };

export function encodeCaseEvent(event: CaseEvent): EncodedCaseEvent {
  const { type, ...data } = event;
  return { type, schemaVersion: CURRENT_SCHEMA_VERSION[type], data };
}

export class UnknownEventError extends Error {
  constructor(readonly eventType: string, readonly schemaVersion: number, reason: string) {
    super(`cannot decode ${eventType} v${schemaVersion}: ${reason}`);
    this.name = 'UnknownEventError';
  }
}

const KNOWN = new Set<string>(CASE_EVENT_TYPES);

export function isCaseEventType(type: string): type is CaseEventType {
  return KNOWN.has(type);
}

/** Brings stored data up to the current schema version, one upcaster at a time. */
export function upcast(type: CaseEventType, schemaVersion: number, data: Record<string, unknown>): Record<string, unknown> {
  const current = CURRENT_SCHEMA_VERSION[type];
  if (!Number.isInteger(schemaVersion) || schemaVersion < 1 || schemaVersion > current) {
    throw new UnknownEventError(type, schemaVersion, `known versions are 1 to ${current}`);
  }
  let upcasted = data;
  for (let v = schemaVersion; v < current; v++) {
    const step = UPCASTERS[type]?.[v];
    if (!step) throw new UnknownEventError(type, v, `no upcaster from v${v} to v${v + 1}`);
    upcasted = step(upcasted);
  }
  return upcasted;
}

/** Strict decoding: upcast, then validate against the current schema. Fails loudly. */
export function decodeCaseEvent(type: string, schemaVersion: number, data: unknown): CaseEvent {
  if (!isCaseEventType(type)) throw new UnknownEventError(type, schemaVersion, 'unknown event type');
  if (typeof data !== 'object' || data === null) throw new UnknownEventError(type, schemaVersion, 'data is not an object');
  const parsed = caseEvent.safeParse({ ...upcast(type, schemaVersion, data as Record<string, unknown>), type });
  if (!parsed.success) throw new UnknownEventError(type, schemaVersion, parsed.error.message);
  return parsed.data;
}

/**
 * Decoding for bulk replays of events this engine wrote itself (validated when decided):
 * type and version are still checked, the data is trusted at the current version.
 */
export function decodeTrustedCaseEvent(type: string, schemaVersion: number, data: unknown): CaseEvent {
  if (!isCaseEventType(type)) throw new UnknownEventError(type, schemaVersion, 'unknown event type');
  if (schemaVersion !== CURRENT_SCHEMA_VERSION[type]) return decodeCaseEvent(type, schemaVersion, data);
  return { ...(data as object), type } as CaseEvent;
}
