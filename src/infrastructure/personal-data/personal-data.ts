import type { EventsRetracted } from '../../domain/case/corrections.js';
import type { CaseEvent } from '../../domain/case/events.js';
import { isClearSubject, type ClearSubject, type OpenedSubject, type StoredSubject } from '../../domain/case/subject.js';
import { isSealedValue, type SealedValue } from '../../domain/shared/sealed.js';
import { open, seal } from './seal.js';
import { SubjectKeysInMemory, type DataKey, type SubjectKeys } from './subject-keys.js';

/** What a read shows of a subject: the subject opened, or that its data was erased. */
export type ShownSubject = ClearSubject | { readonly erased: true };
/** What a read shows of a free-text note: the note opened, or that it was erased with its subject's data. */
export type ShownNote = string | { readonly erased: true };

const ERASED = { erased: true } as const;

/** A submission's note is sealed under a key of its own per area, never the subject's (docs/DOMAIN.md section 13). */
export const returnsKeyId = (area: string) => `returns:${area}`;

/**
 * Personal fields between the domain, which knows them only as opaque stored forms, and the log:
 * sealed on the way in (the command handler, submissions), opened on the way out (the reads), each
 * under the data key of its case. The bench swaps in one that leaves values clear, to measure
 * what sealing costs; nothing else does.
 */
export interface PersonalData {
  /** The events as the log stores them: a referral's subject and a retraction's note sealed. Throws SubjectErasedError. */
  sealCaseEvents(caseId: string, events: readonly (CaseEvent | EventsRetracted)[]): Promise<readonly (CaseEvent | EventsRetracted)[]>;
  /** The subject for a command whose rules need it: undefined for a clear subject (an older log), `erased` without a key. */
  openForDecision(caseId: string, subject: StoredSubject): Promise<OpenedSubject | undefined>;
  showSubject(caseId: string, subject: StoredSubject): Promise<ShownSubject>;
  showNote(keyId: string, note: string | SealedValue): Promise<ShownNote>;
  sealNote(keyId: string, note: string): Promise<string | SealedValue>;
}

/** A sealed value whose key the store never had: the key store is not the one the log was sealed with. */
export class MissingKeyError extends Error {
  constructor(keyId: string) {
    super(`the key store holds no key for ${keyId}, whose data the log holds sealed: is this the key store of this log?`);
    this.name = 'MissingKeyError';
  }
}

/** Personal fields sealed with AES-256-GCM under the keys of a key store (seal.ts). */
export class SealedPersonalData implements PersonalData {
  constructor(readonly keys: SubjectKeys) {}

  async sealCaseEvents(caseId: string, events: readonly (CaseEvent | EventsRetracted)[]): Promise<readonly (CaseEvent | EventsRetracted)[]> {
    if (!events.some(holdsClearPersonalData)) return events;
    const key = await this.keys.keyFor(caseId);
    return events.map((event) => sealedEvent(key, caseId, event));
  }

  async openForDecision(caseId: string, subject: StoredSubject): Promise<OpenedSubject | undefined> {
    if (isClearSubject(subject)) return undefined;
    const key = await this.keyOf(caseId);
    return key === 'erased' ? 'erased' : (open(key, caseId, subject) as ClearSubject);
  }

  async showSubject(caseId: string, subject: StoredSubject): Promise<ShownSubject> {
    if (isClearSubject(subject)) return subject;
    const key = await this.keyOf(caseId);
    return key === 'erased' ? ERASED : (open(key, caseId, subject) as ClearSubject);
  }

  async showNote(keyId: string, note: string | SealedValue): Promise<ShownNote> {
    if (!isSealedValue(note)) return note;
    const key = await this.keyOf(keyId);
    return key === 'erased' ? ERASED : (open(key, keyId, note) as string);
  }

  async sealNote(keyId: string, note: string): Promise<SealedValue> {
    return seal(await this.keys.keyFor(keyId), keyId, note);
  }

  private async keyOf(keyId: string): Promise<DataKey | 'erased'> {
    const standing = await this.keys.find(keyId);
    if (standing.kind === 'none') throw new MissingKeyError(keyId);
    return standing.kind === 'destroyed' ? 'erased' : standing.key;
  }
}

export function holdsClearPersonalData(event: CaseEvent | EventsRetracted): boolean {
  if (event.type === 'OffenderReferred') return isClearSubject(event.subject);
  return event.type === 'EventsRetracted' && typeof event.note === 'string';
}

function sealedEvent(key: DataKey, caseId: string, event: CaseEvent | EventsRetracted): CaseEvent | EventsRetracted {
  if (event.type === 'OffenderReferred' && isClearSubject(event.subject)) return { ...event, subject: seal(key, caseId, event.subject) };
  if (event.type === 'EventsRetracted' && typeof event.note === 'string') return { ...event, note: seal(key, caseId, event.note) };
  return event;
}

const keysInMemory = new WeakMap<object, SubjectKeysInMemory>();

/**
 * Keys in memory for as long as the given store object lives: the default of an app or handler
 * built without a key store (tests, the in-memory store), so two of them on one store agree.
 */
export function keysInMemoryFor(store: object): SubjectKeysInMemory {
  let keys = keysInMemory.get(store);
  if (keys === undefined) {
    keys = new SubjectKeysInMemory();
    keysInMemory.set(store, keys);
  }
  return keys;
}

export const personalDataInMemoryFor = (store: object): PersonalData => new SealedPersonalData(keysInMemoryFor(store));
