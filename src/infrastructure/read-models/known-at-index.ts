import { standingTimeline } from '../../domain/case/retraction.js';
import { caseFacts } from '../../projections/annual-return/case-facts.js';
import { KnownAtCells, type FactsVersion } from '../../projections/annual-return/known-at-cells.js';
import { populationBasisOf, type AnnualReturn } from '../../projections/annual-return/return-types.js';
import { assembleReturn, formatOf, type ReturnQuery } from '../../projections/annual-return/assemble-return.js';
import type { EventStore, StoredEvent } from '../eventstore/eventstore.js';
import { isRetraction, recordedEvent, timelineEntry } from '../stored-case-events.js';
import type { ReturnsQuestion } from './known-at-answers.js';
import { extendCase, foldCase, isCaseStream, populationRow, PROJECTED_PREFIXES, type FoldedCase } from './project-case.js';
import type { PopulationRow } from './read-models.js';
import { reportingYearsBetween, yearsOffering } from './return-series.js';

/** When an event was recorded, compared as the fold compares it (known-at-return.ts). */
const instantOf = (e: StoredEvent) => String(e.metadata['recordedAt']);

/**
 * A case's facts at every instant its events were recorded from `since` on, and at the last
 * instant before it (the version in force when `since` came): as known at each, exactly what the
 * fold of the log as known then computes for it (caseFacts of the standing timeline of the
 * events recorded by then, retractions recorded by then applied). Without a retraction, each
 * instant's events extend the fold of the previous one when they come after it in timeline order.
 */
export function factVersions(stream: readonly StoredEvent[], since = ''): FactsVersion[] {
  const recorded = stream.map(instantOf);
  const all = [...new Set(recorded)].sort();
  const from = all.findIndex((instant) => instant >= since);
  const instants = from === -1 ? all.slice(-1) : all.slice(Math.max(0, from - 1));
  if (stream.some(isRetraction)) {
    const records = stream.map(recordedEvent);
    return instants.map((instant) => ({ instant, facts: caseFacts(standingTimeline(records.filter((_, i) => recorded[i]! <= instant))) }));
  }
  const entries = stream.map(timelineEntry);
  let folded: FoldedCase | undefined;
  let previous: string | undefined;
  return instants.map((instant) => {
    const added = entries.filter((_, i) => recorded[i] === instant);
    folded = (previous !== undefined && folded && extendCase('', folded, added)) || foldCase('', entries.filter((_, i) => recorded[i]! <= instant));
    previous = instant;
    return { instant, facts: folded.outputs.facts };
  });
}

/**
 * What answers returns as known at an instant without folding the log at question time: the
 * cells of every case's facts through time (KnownAtCells) and every population recorded, taken
 * in once from the whole log and then from each question's new events. A case with new events
 * is read whole from its stream and its facts through time replace those taken in before.
 */
export class KnownAtIndex {
  readonly #cells = new KnownAtCells();
  /** Every population recorded, in log order: the latest recorded by an instant is the one then. */
  readonly #populations: { instant: string; row: PopulationRow }[] = [];
  #position: bigint | null = null;

  /** Takes in the log's events after those already taken in (all of them the first time). */
  async catchUp(store: EventStore): Promise<void> {
    const arrived = new Map<string, StoredEvent[]>();
    let last = this.#position;
    for await (const e of store.readAll({ ...(last !== null && { after: last }), streamPrefixes: PROJECTED_PREFIXES, batchSize: 5000 })) {
      last = e.globalPosition;
      if (!isCaseStream(e.streamName)) {
        this.#populations.push({ instant: instantOf(e), row: populationRow(e) });
        continue;
      }
      const events = arrived.get(e.streamName);
      if (events) events.push(e);
      else arrived.set(e.streamName, [e]);
    }
    const takenUpTo = this.#position;
    for (const [streamName, events] of arrived) {
      // A stream whose first event just arrived had nothing taken in before.
      const earlier = takenUpTo === null || events[0]!.streamPosition === 0 ? [] : (await store.readStream(streamName)).filter((e) => e.globalPosition <= takenUpTo);
      // Versions before the earliest new instant stand as they were: only those from it on change.
      const since = events.map(instantOf).reduce((a, b) => (b < a ? b : a));
      this.#cells.replace(factVersions(earlier, since), factVersions([...earlier, ...events], since));
    }
    this.#cells.settle();
    this.#position = last;
  }


  /** The latest population of each area recorded by `instant`, for a year and basis. */
  #populationsAt(year: string, basis: string, instant: string): Record<string, number> {
    const populations: Record<string, number> = {};
    for (const { instant: at, row } of this.#populations) if (at <= instant && row.year === year && row.basis === basis) populations[row.area] = row.population;
    return populations;
  }

  #return(query: ReturnQuery & { readonly knownAt: string }): AnnualReturn {
    const populations = this.#populationsAt(query.reportingYear, populationBasisOf(formatOf(query)), query.knownAt);
    return assembleReturn(query, this.#cells.factsAt(query.reportingYear, query.knownAt), populations);
  }

  /** The answer the fold (answerKnownAt) gives, from the events taken in so far. */
  answer(question: ReturnsQuestion): AnnualReturn[] {
    switch (question.kind) {
      case 'return':
        return [this.#return(question.query)];
      case 'series': {
        const { area, format, knownAt, figuresOn } = question;
        const years = yearsOffering(reportingYearsBetween(this.#cells.firstYearAt(knownAt), question.through), format);
        return years.map((reportingYear) => this.#return({ area, reportingYear, ...(format !== undefined && { format }), knownAt, figuresOn }));
      }
      case 'by-area': {
        const { reportingYear, format, knownAt, figuresOn } = question;
        return question.areas.map((area) => this.#return({ area, reportingYear, ...(format !== undefined && { format }), knownAt, figuresOn }));
      }
      default: {
        const unknown: never = question;
        throw new Error(`unknown question ${JSON.stringify(unknown)}`);
      }
    }
  }
}
