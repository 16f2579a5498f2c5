import { NATIONAL } from '../../domain/shared/areas.js';
import type { ReportingYear } from '../../domain/shared/reporting-year.js';
import { populationBasisOf, type AnnualReturn, type ReturnFormat } from '../../projections/annual-return/return-types.js';
import { assembleReturn, formatOf as answeredFormat, type ReturnQuery } from '../../projections/annual-return/assemble-return.js';
import { londonDate, systemClock, type Clock } from '../clock.js';
import type { KnownAtFold } from './known-at-answers.js';
import type { RevisionsAnswer } from './known-at-revisions.js';
import type { SubmittedReturn } from '../../projections/revisions/revisions.js';
import type { ReadModels } from './read-models.js';
import { reportingYearsBetween, yearsOffering } from './return-series.js';

/** The return from the read models: summed cells, no case folded at query time. */
export function annualReturnFromReadModels(readModels: ReadModels, query: ReturnQuery): AnnualReturn {
  const facts = readModels.returnFacts(query.reportingYear, query.area === NATIONAL ? undefined : query.area);
  return assembleReturn({ ...query, knownAt: null }, facts, readModels.populations(query.reportingYear, populationBasisOf(answeredFormat(query))));
}

export type SeriesQuery = { readonly area: string; readonly through: ReportingYear; readonly format?: ReturnFormat; readonly knownAt?: string };
export type ByAreaQuery = { readonly reportingYear: ReportingYear; readonly areas: readonly string[]; readonly format?: ReturnFormat; readonly knownAt?: string };

const formatOf = (format: ReturnFormat | undefined) => (format === undefined ? {} : { format });

/**
 * The questions about returns, answered from the read models or, with `knownAt`, by a fold of
 * the log as it stood then (`fold`: in this thread or another). One place for both kinds of
 * projections (in this thread, or in a worker) to answer them alike.
 */
export function returnAnswers(readModels: () => ReadModels, fold: KnownAtFold, clock: Clock = systemClock) {
  // Every answer is provisional while its year had not ended on the day of `knownAt`, or today by the clock.
  const figuresOnFor = (knownAt: string | null | undefined) => londonDate(knownAt ? new Date(knownAt) : clock.now());
  return {
    async annualReturn(query: ReturnQuery): Promise<AnnualReturn> {
      const figuresOn = query.figuresOn ?? figuresOnFor(query.knownAt);
      if (!query.knownAt) return annualReturnFromReadModels(readModels(), { ...query, figuresOn });
      const [answer] = await fold({ kind: 'return', query: { ...query, knownAt: query.knownAt, figuresOn } });
      return answer!;
    },

    /** Every reporting year from the first that counts anything to `through`; each in `format`, or in its own default. */
    async returnSeries(query: SeriesQuery): Promise<AnnualReturn[]> {
      const { area, format, knownAt } = query;
      const figuresOn = figuresOnFor(knownAt);
      if (knownAt !== undefined) return fold({ kind: 'series', area, through: query.through, ...formatOf(format), knownAt, figuresOn });
      const models = readModels();
      return yearsOffering(reportingYearsBetween(models.firstReportingYear(), query.through), format).map((reportingYear) => annualReturnFromReadModels(models, { area, reportingYear, ...formatOf(format), figuresOn }));
    },

    /** The returns of several areas for one reporting year, side by side. */
    async returnsByArea(query: ByAreaQuery): Promise<AnnualReturn[]> {
      const { reportingYear, format, knownAt } = query;
      const figuresOn = figuresOnFor(knownAt);
      if (knownAt !== undefined) return fold({ kind: 'by-area', reportingYear, areas: query.areas, ...formatOf(format), knownAt, figuresOn });
      const models = readModels();
      return query.areas.map((area) => annualReturnFromReadModels(models, { area, reportingYear, ...formatOf(format), figuresOn }));
    },

    /** A submission's revisions: folded from the log with when each event was recorded, whatever the read models' state. */
    revisions(submission: SubmittedReturn): Promise<RevisionsAnswer> {
      return fold({ kind: 'revisions', submission, figuresOn: figuresOnFor(undefined) });
    },
  };
}
