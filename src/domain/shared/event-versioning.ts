import type { z } from 'zod';

/** Raises stored data of one schema version to the next. */
export type Upcaster = (data: Record<string, unknown>) => Record<string, unknown>;

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

  return {
    types,
    currentVersion,
    upcasters,
    has,
    encode(event) {
      const { type, ...data } = event;
      return { type, schemaVersion: currentVersion[type as E['type']], data };
    },
    decode,
    decodeTrusted(type, schemaVersion, data) {
      if (!has(type)) throw new UnknownEventError(type, schemaVersion, 'unknown event type');
      if (schemaVersion !== currentVersion[type]) return decode(type, schemaVersion, data);
      return { ...(data as object), type } as unknown as E;
    },
    adoptTrusted(type, schemaVersion, data) {
      if (!has(type)) throw new UnknownEventError(type, schemaVersion, 'unknown event type');
      if (schemaVersion !== currentVersion[type]) return decode(type, schemaVersion, data);
      return Object.assign(data as object, { type }) as unknown as E;
    },
  };
}
