import { randomBytes } from 'node:crypto';

/** A subject's data key: 32 random bytes for AES-256-GCM (docs/DOMAIN.md section 13). */
export type DataKey = Buffer;

/** What the key store holds for one subject: its key, or the mark that it was destroyed. */
export type KeyStanding = { readonly kind: 'present'; readonly key: DataKey } | { readonly kind: 'destroyed' } | { readonly kind: 'none' };

/**
 * The key store: one data key per subject, outside the event log. A subject is known to the
 * engine by its case, so keys are kept by case id. The log is immutable and copied into every
 * backup; a key can be destroyed, and with it every copy of what it sealed (crypto-shredding).
 * A destroyed key leaves a mark, so it is never made again for the same case.
 */
export interface SubjectKeys {
  /** The case's key, made and kept on first use; throws SubjectErasedError when it was destroyed. */
  keyFor(caseId: string): Promise<DataKey>;
  find(caseId: string): Promise<KeyStanding>;
  /** Destroys the key for good (idempotent). */
  destroy(caseId: string): Promise<void>;
  close(): Promise<void>;
}

export class SubjectErasedError extends Error {
  constructor(readonly caseId: string) {
    super('the subject data key of this case was destroyed');
    this.name = 'SubjectErasedError';
  }
}

export const newDataKey = (): DataKey => randomBytes(32);

/** Keys in memory, for the in-memory store and tests. */
export class SubjectKeysInMemory implements SubjectKeys {
  private readonly keys = new Map<string, DataKey | 'destroyed'>();

  async keyFor(caseId: string): Promise<DataKey> {
    const held = this.keys.get(caseId);
    if (held === 'destroyed') throw new SubjectErasedError(caseId);
    if (held !== undefined) return held;
    const key = newDataKey();
    this.keys.set(caseId, key);
    return key;
  }

  async find(caseId: string): Promise<KeyStanding> {
    const held = this.keys.get(caseId);
    if (held === undefined) return { kind: 'none' };
    return held === 'destroyed' ? { kind: 'destroyed' } : { kind: 'present', key: held };
  }

  async destroy(caseId: string): Promise<void> {
    const held = this.keys.get(caseId);
    if (held instanceof Buffer) held.fill(0);
    this.keys.set(caseId, 'destroyed');
  }

  async close(): Promise<void> {}
}
