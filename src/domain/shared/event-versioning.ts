import type { z } from 'zod';

/** Raises stored data of one schema version to the next. */
export type Upcaster = (data: Record<string, unknown>) => Record<string, unknown>;

/**
 * The step from a version whose every stored form is also a form of the next (the next only
 * admits more): the data is unchanged, so a trusted replay of it needs no decoding.
 */
export const widened: Upcaster = (data) => data;

/**
 * The version to write an event as, for a type whose newer version only widened the older: the
 * oldest version that holds it, so a log that uses nothing new stays readable by the engine
 * that wrote the older version (and an event it cannot read is refused by version, loudly).
 */
export type WrittenAs<E> = (event: E) => number;

export class UnknownEventError extends Error {
  constructor(readonly eventType: string, readonly schemaVersion: number, reason: string) {
    super(`cannot decode ${eventType} v${schemaVersion}: ${reason}`);
    this.name = 'UnknownEventError';
  }
}

type Member = z.ZodObject<{ type: z.ZodLiteral<string> }>;

/**
 * The stored forms of one family of events: each type's current schema version and the
 * upcasters that raise older versions. The `type` travels in the envelope, the rest as data.
 */
export type EventCatalog<E extends { type: string }> = {
  readonly types: readonly E['type'][];
  readonly currentVersion: Readonly<Record<E['type'], number>>;
  readonly upcasters: Readonly<Partial<Record<E['type'], Readonly<Record<number, Upcaster>>>>>;
  has(type: string): type is E['type'];
  encode(event: E): { type: E['type']; schemaVersion: number; data: Record<string, unknown> };
  /** The schema version `encode` writes this event as. */
  versionFor(event: E): number;
  /** Strict: upcast, then validate against the current schema. Fails loudly. */
  decode(type: string, schemaVersion: number, data: unknown): E;
  /** For bulk replays of events this engine validated when it wrote them: type and version still checked. */
  decodeTrusted(type: string, schemaVersion: number, data: unknown): E;
  /** decodeTrusted that consumes `data`: it becomes the event (a whole-log projection copies nothing). */
  adoptTrusted(type: string, schemaVersion: number, data: unknown): E;
};

export function eventCatalog<E extends { type: string }>(
  union: z.ZodType<E> & { options: readonly Member[] },
  versions: Partial<Record<E['type'], number>>,
  upcasters: Partial<Record<E['type'], Record<number, Upcaster>>>,
  writtenAs: Partial<Record<E['type'], WrittenAs<E>>> = {},
): EventCatalog<E> {
  const types = union.options.map((o) => o.shape.type.value) as E['type'][];
  const known = new Set<string>(types);
  const currentVersion = Object.fromEntries(types.map((t) => [t, versions[t] ?? 1])) as Record<E['type'], number>;
  const has = (type: string): type is E['type'] => known.has(type);

  function upcast(type: E['type'], schemaVersion: number, data: Record<string, unknown>): Record<string, unknown> {
    const current = currentVersion[type];
    if (!Number.isInteger(schemaVersion) || schemaVersion < 1 || schemaVersion > current) {
      throw new UnknownEventError(type, schemaVersion, `known versions are 1 to ${current}`);
    }
    let raised = data;
    for (let v = schemaVersion; v < current; v++) {
      const step = upcasters[type]?.[v];
      if (!step) throw new UnknownEventError(type, v, `no upcaster from v${v} to v${v + 1}`);
      raised = step(raised);
    }
    return raised;
  }

  function decode(type: string, schemaVersion: number, data: unknown): E {
    if (!has(type)) throw new UnknownEventError(type, schemaVersion, 'unknown event type');
    if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new UnknownEventError(type, schemaVersion, 'data is not an object');
    const parsed = union.safeParse({ ...upcast(type, schemaVersion, data as Record<string, unknown>), type });
    if (!parsed.success) throw new UnknownEventError(type, schemaVersion, parsed.error.message);
    return parsed.data;
  }

  const versionFor = (event: E): number => writtenAs[event.type as E['type']]?.(event) ?? currentVersion[event.type as E['type']];

  /** Whether data of this version is already current data: every step from it only widened. */
  function alreadyCurrent(type: E['type'], schemaVersion: number): boolean {
    const current = currentVersion[type];
    if (schemaVersion === current) return true;
    if (!Number.isInteger(schemaVersion) || schemaVersion < 1 || schemaVersion > current) return false;
    for (let v = schemaVersion; v < current; v++) if (upcasters[type]?.[v] !== widened) return false;
    return true;
  }

  return {
    types,
    currentVersion,
    upcasters,
    has,
    encode(event) {
      const { type, ...data } = event;
      return { type, schemaVersion: versionFor(event), data };
    },
    versionFor,
    decode,
    decodeTrusted(type, schemaVersion, data) {
      if (!has(type)) throw new UnknownEventError(type, schemaVersion, 'unknown event type');
      if (!alreadyCurrent(type, schemaVersion)) return decode(type, schemaVersion, data);
      return { ...(data as object), type } as unknown as E;
    },
    adoptTrusted(type, schemaVersion, data) {
      if (!has(type)) throw new UnknownEventError(type, schemaVersion, 'unknown event type');
      if (!alreadyCurrent(type, schemaVersion)) return decode(type, schemaVersion, data);
      return Object.assign(data as object, { type }) as unknown as E;
    },
  };
}
