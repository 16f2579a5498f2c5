/**
 * Upcasters, by event type and the version they upgrade from. Every event type is still at
 * version 1, so there are none yet; `codec.ts` walks this table from a stored version to the
 * current one and fails loudly on a missing step.
 */
export type Upcaster = (data: Record<string, unknown>) => Record<string, unknown>;

export const UPCASTERS: Readonly<Partial<Record<string, Readonly<Record<number, Upcaster>>>>> = {};
