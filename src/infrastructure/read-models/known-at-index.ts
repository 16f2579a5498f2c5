import { standingTimeline } from '../../domain/case/retraction.js';
import { caseFacts } from '../../projections/annual-return/case-facts.js';
import { KnownAtCells, type FactsVersion } from '../../projections/annual-return/known-at-cells.js';
import { populationBasisOf, type AnnualReturn } from '../../projections/annual-return/return-types.js';
import { assembleReturn, formatOf, type ReturnQuery } from '../../projections/annual-return/assemble-return.js';
import type { EventStore, StoredEvent } from '../eventstore/eventstore.js';
import { streams } from '../eventstore/stream-names.js';
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
 * in once from the whole log, case by case, and then from each question's new events. A case
 * with new events is read whole from its stream and its facts through time replace those taken
 * in before. No case's events or facts are kept: only the cells.
 */
export class KnownAtIndex {
  readonly #cells = new KnownAtCells();
  /** Every population recorded, in log order: the latest recorded by an instant is the one then. */
  readonly #populations: { instant: string; row: PopulationRow }[] = [];
  #position: bigint | null = null;
  readonly #takeInParts: number;

  /**
   * `takeInParts`: how many reads the first take-in splits the cases into, by partition of their
   * streams, for a store whose readStreams holds a partition's streams in memory before handing
   * them out (EventStoreDB's gathers them from one $all read): each read holds one part only.
   */
  constructor(options: { readonly takeInParts?: number } = {}) {
    this.#takeInParts = options.takeInParts ?? 1;
  }

  /**
   * Takes in the log's events after those already taken in (all of them the first time), up to
   * the head read first: events committed meanwhile are after the position it ends at, so the
   * next catch-up takes them in, and none is taken twice or missed.
   */
  async catchUp(store: EventStore): Promise<void> {
    const head = await store.headPosition();
    if (head === null || (this.#position !== null && head <= this.#position)) return;
    if (this.#position === null) await this.#takeInWhole(store, head);
    else await this.#takeInAfter(store, this.#position, head);
    this.#cells.settle();
    this.#position = head;
  }

  /**
   * The whole log, one case at a time (a national log's events do not fit in memory at once):
   * each case's facts through time enter the cells and its events are dropped.
   */
  async #takeInWhole(store: EventStore, head: bigint): Promise<void> {
    const count = this.#takeInParts;
    for (let index = 0; index < count; index++) {
      for await (const stream of store.readStreams(streams.casePrefix, { upTo: head, ...(count > 1 && { partition: { index, count } }) })) this.#cells.replace([], factVersions(stream));
    }
    // An area's populations are in its own stream, in recording order: the order that matters.
    for await (const stream of store.readStreams(streams.areaPrefix, { upTo: head })) for (const e of stream) this.#takePopulation(e);
  }

  /**
   * The events after `after`: only which cases they touch and from which instant is kept while
   * the log is read; each of those cases is then read whole, and its facts through time from
   * that instant on replace those taken in before.
   */
  async #takeInAfter(store: EventStore, after: bigint, head: bigint): Promise<void> {
    const since = new Map<string, string>();
    for await (const e of store.readAll({ after, streamPrefixes: PROJECTED_PREFIXES, batchSize: 5000 })) {
      if (e.globalPosition > head) break;
      if (!isCaseStream(e.streamName)) {
        this.#takePopulation(e);
        continue;
      }
      const instant = instantOf(e);
      const earliest = since.get(e.streamName);
      if (earliest === undefined || instant < earliest) since.set(e.streamName, instant);
    }
    for (const [streamName, from] of since) {
      const stream = (await store.readStream(streamName)).filter((e) => e.globalPosition <= head);
      const earlier = stream.filter((e) => e.globalPosition <= after);
      this.#cells.replace(factVersions(earlier, from), factVersions(stream, from));
    }
  }

  #takePopulation(e: StoredEvent): void {
    this.#populations.push({ instant: instantOf(e), row: populationRow(e) });
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
