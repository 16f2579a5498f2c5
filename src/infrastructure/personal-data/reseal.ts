import { correctionEvents } from '../../domain/case/corrections.js';
import { caseEvents } from '../../domain/case/event-versions.js';
import type { CaseEvent } from '../../domain/case/events.js';
import { isClearSubject, withUnder18 } from '../../domain/case/subject.js';
import { returnEvents } from '../../domain/returns/events.js';
import type { BusinessDate } from '../../domain/shared/business-date.js';
import type { EventCatalog } from '../../domain/shared/event-versioning.js';
import type { EventStore, EventToAppend, StoredEvent } from '../eventstore/eventstore.js';
import { streams } from '../eventstore/stream-names.js';
import { returnsKeyId } from './personal-data.js';
import { seal } from './seal.js';
import type { SubjectKeys } from './subject-keys.js';

export type ResealReport = { readonly events: number; readonly sealed: number; readonly flagged: number };

export class TargetNotEmptyError extends Error {
  constructor() {
    super('the target store already holds events: reseal copies into a new, empty store');
    this.name = 'TargetNotEmptyError';
  }
}

/** Streams each store keeps for itself: never copied (the target has its own). */
const OWN_STREAMS = new Set<string>([streams.identity, streams.healthProbe]);
const COPIED_PREFIXES = [streams.casePrefix, streams.areaPrefix, streams.returnsPrefix, streams.accessPrefix, streams.idempotencyPrefix];
const BATCH = 500;

/**
 * The one-off migration of a log written before sealing (docs/DOMAIN.md section 13): every event
 * copied in global order into a new store, each stream at the same positions with the same event
 * ids, and the personal fields of older clear events sealed under the subject's key (made here
 * in `keys`, the key store the new store will be served with); each registered-sexual-offender
 * basis gains `under18AtRelevantDate`, from the clear date of birth of its case's referral. An
 * event is never edited in place: the old store is only read, and can be destroyed (with every
 * copy of it) once the new one is checked.
 */
export async function reseal(from: EventStore, to: EventStore, keys: SubjectKeys): Promise<ResealReport> {
  for await (const _ of to.readAll({ streamPrefixes: COPIED_PREFIXES, maxCount: 1 })) throw new TargetNotEmptyError();
  const births = new Map<string, BusinessDate>();
  const counts = { events: 0, sealed: 0, flagged: 0 };
  let batch: { stream: string; first: number; events: EventToAppend[] } | null = null;
  const flush = async () => {
    if (batch === null) return;
    await to.appendToStream(batch.stream, batch.events, { expectedVersion: batch.first === 0 ? 'no_stream' : batch.first - 1 });
    batch = null;
  };
  for await (const stored of from.readAll()) {
    if (OWN_STREAMS.has(stored.streamName)) continue;
    const copied = await resealed(stored, keys, births, counts);
    if (batch === null || batch.stream !== stored.streamName || batch.events.length >= BATCH) {
      await flush();
      batch = { stream: stored.streamName, first: stored.streamPosition, events: [] };
    }
    batch.events.push(copied);
    counts.events++;
  }
  await flush();
  return counts;
}

type Counts = { events: number; sealed: number; flagged: number };

async function resealed(stored: StoredEvent, keys: SubjectKeys, births: Map<string, BusinessDate>, counts: Counts): Promise<EventToAppend> {
  const version = Number(stored.metadata['schemaVersion'] ?? 1);
  const as = <E extends { type: string }>(catalog: EventCatalog<E>, event: E): EventToAppend => {
    const encoded = catalog.encode(event);
    return { eventId: stored.eventId, type: encoded.type, data: encoded.data, metadata: { ...stored.metadata, schemaVersion: encoded.schemaVersion } };
  };
  const unchanged: EventToAppend = { eventId: stored.eventId, type: stored.type, data: stored.data, metadata: stored.metadata };
  if (stored.streamName.startsWith(streams.returnsPrefix) && stored.type === 'ReturnSubmitted') {
    const event = returnEvents.decode(stored.type, version, stored.data);
    if (typeof event.note !== 'string') return unchanged;
    counts.sealed++;
    return as(returnEvents, { ...event, note: seal(await keys.keyFor(returnsKeyId(event.area)), returnsKeyId(event.area), event.note) });
  }
  if (!stored.streamName.startsWith(streams.casePrefix)) return unchanged;
  const caseId = stored.streamName.slice(streams.casePrefix.length);
  if (stored.type === 'EventsRetracted') {
    const event = correctionEvents.decode(stored.type, version, stored.data);
    if (typeof event.note !== 'string') return unchanged;
    counts.sealed++;
    return as(correctionEvents, { ...event, note: seal(await keys.keyFor(caseId), caseId, event.note) });
  }
  const event = caseEvents.decode(stored.type, version, stored.data);
  const changed = await resealedCaseEvent(event, caseId, keys, births, counts);
  return changed === event ? unchanged : as(caseEvents, changed);
}

async function resealedCaseEvent(event: CaseEvent, caseId: string, keys: SubjectKeys, births: Map<string, BusinessDate>, counts: Counts): Promise<CaseEvent> {
  if (event.type === 'OffenderReferred') {
    if (!isClearSubject(event.subject)) return event;
    const dob = event.subject.dateOfBirth;
    births.set(caseId, dob);
    counts.sealed++;
    const basis = flagged(event.basis, dob, counts);
    return { ...event, subject: seal(await keys.keyFor(caseId), caseId, event.subject), basis };
  }
  if ((event.type === 'EligibilityBasisAdded' || event.type === 'CaseReopened') && event.basis !== undefined) {
    const dob = births.get(caseId);
    if (dob === undefined) return event;
    const basis = flagged(event.basis, dob, counts);
    return basis === event.basis ? event : { ...event, basis };
  }
  return event;
}

/** The basis with the flag decided from the date of birth; the same object when it needs none or has one. */
function flagged<B extends NonNullable<Extract<CaseEvent, { type: 'EligibilityBasisAdded' }>['basis']>>(basis: B, dob: BusinessDate, counts: Counts): B {
  if (basis.kind !== 'registered-sexual-offender' || basis.under18AtRelevantDate !== undefined) return basis;
  counts.flagged++;
  return withUnder18(basis, dob) as B;
}
