import { randomUUID } from 'node:crypto';
import { areaEvents, type AreaEvent } from '../../domain/area/events.js';
import type { AreaCode } from '../../domain/shared/areas.js';
import type { Actor } from '../auth/actor.js';
import type { Clock } from '../clock.js';
import { streams, WrongExpectedVersionError, type EventStore, type StoredEvent } from '../eventstore/eventstore.js';

type PopulationEvent = Extract<AreaEvent, { type: 'AreaPopulationRecorded' }>;
export type PopulationFigure = Omit<PopulationEvent, 'type'>;

/** A population as recorded, with when and the area stream's version after it. */
export type RecordedPopulation = PopulationFigure & { readonly recordedAt: string; readonly version: number };

export type PopulationOutcome =
  | ({ readonly kind: 'recorded' } & RecordedPopulation)
  /** The same figure and source were already the latest for that year and basis: nothing written. */
  | ({ readonly kind: 'unchanged' } & RecordedPopulation)
  /** The area's stream kept changing under the bounded retries: nothing written. */
  | { readonly kind: 'conflict' };

export type Recorded = { readonly event: PopulationEvent; readonly recordedAt: string };

export function decodeArea(stored: StoredEvent): Recorded {
  const event = areaEvents.decode(stored.type, Number(stored.metadata['schemaVersion'] ?? 1), stored.data);
  return { event, recordedAt: String(stored.metadata['recordedAt']) };
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
 * `mappa populations import`. Recording the latest figure again writes nothing, so a repeated
 * request or a re-run import is harmless; a concurrent record of the same area is retried.
 */
export async function recordAreaPopulation(
  store: EventStore,
  clock: Clock,
  figure: PopulationFigure,
  /** `clientRequestId`: the caller's own X-Request-Id, kept beside the server's correlation id. */
  context: { readonly actor: Actor; readonly correlationId: string; readonly clientRequestId?: string | undefined },
): Promise<PopulationOutcome> {
  const stream = streams.area(figure.area);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const stored = await store.readStream(stream);
    const version = stored.length - 1;
    const current = latestByYear(stored.map(decodeArea)).find((r) => r.event.reportingYear === figure.reportingYear && r.event.basis === figure.basis);
    if (current && current.event.population === figure.population && current.event.source === figure.source) {
      const { type: _type, ...recorded } = current.event;
      return { kind: 'unchanged', ...recorded, recordedAt: current.recordedAt, version };
    }
    const recordedAt = clock.now().toISOString();
    const encoded = areaEvents.encode({ type: 'AreaPopulationRecorded', ...figure, area: figure.area as AreaCode });
    const eventId = randomUUID();
    try {
      const result = await store.appendToStream(
        stream,
        [{ eventId, type: encoded.type, data: encoded.data, metadata: { schemaVersion: encoded.schemaVersion, recordedAt, actor: context.actor, correlationId: context.correlationId, causationId: eventId, ...(context.clientRequestId !== undefined && { clientRequestId: context.clientRequestId }) } }],
        { expectedVersion: version === -1 ? 'no_stream' : version },
      );
      return { kind: 'recorded', ...figure, recordedAt, version: result.nextExpectedVersion };
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
    }
  }
  return { kind: 'conflict' };
}
