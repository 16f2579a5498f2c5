import type { BusinessDate } from '../../domain/shared/business-date.js';
import type { ReportingYear } from '../../domain/shared/reporting-year.js';
import type { AnnualReturn, ReturnFormat } from '../../projections/annual-return/return-types.js';
import type { ReturnQuery } from '../../projections/annual-return/assemble-return.js';
import type { EventStore } from '../eventstore/eventstore.js';
import { logKnownAt, returnFromLog } from './known-at-return.js';
import { revisionsFromLog, type RevisionsAnswer, type RevisionsQuestion } from './known-at-revisions.js';
import { firstYearOfCases, reportingYearsBetween, yearsOffering } from './return-series.js';

/** A question about returns as they stood at an instant: one return, a series of years, or areas side by side. */
export type ReturnsQuestion =
  | { readonly kind: 'return'; readonly query: ReturnQuery & { readonly knownAt: string } }
  | { readonly kind: 'series'; readonly area: string; readonly through: ReportingYear; readonly format?: ReturnFormat; readonly knownAt: string; readonly figuresOn: BusinessDate }
  | { readonly kind: 'by-area'; readonly reportingYear: ReportingYear; readonly areas: readonly string[]; readonly format?: ReturnFormat; readonly knownAt: string; readonly figuresOn: BusinessDate };

/** Every question folded from the log rather than answered from the read models: returns as known at an instant, and a submission's revisions. */
export type KnownAtQuestion = ReturnsQuestion | RevisionsQuestion;
export type KnownAtResult = AnnualReturn[] | RevisionsAnswer;

/** Answers a `knownAt` question: here (answerKnownAt) or in a worker thread (knownAtInWorker). */
export type KnownAtFold = {
  (question: ReturnsQuestion): Promise<AnnualReturn[]>;
  (question: RevisionsQuestion): Promise<RevisionsAnswer>;
  (question: KnownAtQuestion): Promise<KnownAtResult>;
};

const formatOf = (format: ReturnFormat | undefined) => (format === undefined ? {} : { format });

/** Folds the log as it stood at the question's instant once, and answers every return it asks. */
export async function answerKnownAt(store: EventStore, question: ReturnsQuestion): Promise<AnnualReturn[]>;
export async function answerKnownAt(store: EventStore, question: RevisionsQuestion): Promise<RevisionsAnswer>;
export async function answerKnownAt(store: EventStore, question: KnownAtQuestion): Promise<KnownAtResult>;
export async function answerKnownAt(store: EventStore, question: KnownAtQuestion): Promise<KnownAtResult> {
  switch (question.kind) {
    case 'return':
      return [returnFromLog(await logKnownAt(store, question.query.knownAt), question.query)];
    case 'series': {
      const { area, format, knownAt, figuresOn } = question;
      const log = await logKnownAt(store, knownAt);
      return yearsOffering(reportingYearsBetween(firstYearOfCases(log.cases), question.through), format).map((reportingYear) => returnFromLog(log, { area, reportingYear, ...formatOf(format), knownAt, figuresOn }));
    }
    case 'by-area': {
      const { reportingYear, format, knownAt, figuresOn } = question;
      const log = await logKnownAt(store, knownAt);
      return question.areas.map((area) => returnFromLog(log, { area, reportingYear, ...formatOf(format), knownAt, figuresOn }));
    }
    case 'revisions':
      return revisionsFromLog(store, question);
    default: {
      const unknown: never = question;
      throw new Error(`unknown question ${JSON.stringify(unknown)}`);
    }
  }
}

/** The fold in this thread, for a store only this thread can open (the in-memory one) and for tests. */
export const foldInThisThread = (store: EventStore): KnownAtFold => ((question: KnownAtQuestion) => answerKnownAt(store, question)) as KnownAtFold;
