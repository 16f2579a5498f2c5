import { randomUUID } from 'node:crypto';
import { areaEvents, type AreaEvent } from '../../domain/area/events.js';
import { areaOf, decide } from '../../domain/area/decide.js';
import type { Actor } from '../auth/actor.js';
import type { Clock } from '../clock.js';
import { decodeStored, metadataOf, stampFor, toAppend } from '../event-metadata.js';
import { WrongExpectedVersionError, type EventStreams, type StoredEvent } from '../eventstore/eventstore.js';
import { streams } from '../eventstore/stream-names.js';

type PopulationEvent = Extract<AreaEvent, { type: 'AreaPopulationRecorded' }>;
export type PopulationFigure = Omit<PopulationEvent, 'type'>;

/** A population as recorded, with when and the area stream's version after it. */
type RecordedPopulation = PopulationFigure & { readonly recordedAt: string; readonly version: number };

type PopulationOutcome =
  | ({ readonly kind: 'recorded' } & RecordedPopulation)
  /** The same figure and source were already the latest for that year and basis: nothing written. */
  | ({ readonly kind: 'unchanged' } & RecordedPopulation)
  /** The area's stream kept changing under the bounded retries: nothing written. */
  | { readonly kind: 'conflict' };

export type Recorded = { readonly event: PopulationEvent; readonly recordedAt: string };

export function decodeArea(stored: StoredEvent): Recorded {
  return { event: decodeStored(areaEvents, stored) as PopulationEvent, recordedAt: metadataOf(stored).recordedAt };
}

/**
 * The latest record of each reporting year and population basis, by year then basis: an area
 * may hold both an all-ages and an aged-10-plus figure for a year (formats rate on one or the other).
 */
export function latestByYear(records: readonly Recorded[]): Recorded[] {
  const byYear = new Map<string, Recorded>();
  for (const record of records) byYear.set(`${record.event.reportingYear}/${record.event.basis}`, record);
  return [...byYear.values()].sort((a, b) => a.event.reportingYear.localeCompare(b.event.reportingYear) || a.event.basis.localeCompare(b.event.basis));
}

const MAX_ATTEMPTS = 5;

/**
 * Records an area's population for a reporting year as `AreaPopulationRecorded` in
 * `mappa-area-<area>`: the one path for `PUT /areas/{area}/population/{reportingYear}` and
 * `mappa populations import`. The area's decider (domain/area/decide.ts) rules; a concurrent
 * record of the same area is retried.
 */
export async function recordAreaPopulation(
  store: EventStreams,
  clock: Clock,
  figure: PopulationFigure,
  /** `clientRequestId`: the caller's own X-Request-Id, kept beside the server's correlation id. */
  context: { readonly actor: Actor; readonly correlationId: string; readonly clientRequestId?: string | undefined },
): Promise<PopulationOutcome> {
  const stream = streams.area(figure.area);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const stored = await store.readStream(stream);
    const version = stored.length - 1;
    const records = stored.map(decodeArea);
    const events = decide({ type: 'RecordAreaPopulation', ...figure }, areaOf(records.map((r) => r.event)));
    if (events.length === 0) {
      const current = latestByYear(records).find((r) => r.event.reportingYear === figure.reportingYear && r.event.basis === figure.basis)!;
      const { type: _type, ...recorded } = current.event;
      return { kind: 'unchanged', ...recorded, recordedAt: current.recordedAt, version };
    }
    const recordedAt = clock.now().toISOString();
    const causationId = randomUUID();
    const appending = events.map((event, i) => toAppend(areaEvents, i === 0 ? causationId : randomUUID(), event, stampFor(context, recordedAt, causationId)));
    try {
      const result = await store.appendToStream(stream, appending, { expectedVersion: version === -1 ? 'no_stream' : version });
      return { kind: 'recorded', ...figure, recordedAt, version: result.nextExpectedVersion };
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
    }
  }
  return { kind: 'conflict' };
}
