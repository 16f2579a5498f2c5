import { z } from 'zod';
import { eventCatalog, widened } from '../shared/event-versioning.js';
import { isSealedValue, sealedValue } from '../shared/sealed.js';
import { safeText } from '../shared/safe-text.js';
import { caseCommand } from './commands.js';

/**
 * Corrections (docs/DOMAIN.md section 10): a recorded fact found wrong is retracted by a new
 * event, never edited or deleted. A retraction has no business date: it changes what the log
 * says happened, not what happened on a day.
 */
export const retractionReason = z.enum(['recorded-in-error', 'duplicate', 'wrong-case']);
export type RetractionReason = z.infer<typeof retractionReason>;

/** Event ids as the history shows them (UUIDs when this engine made them), compared as written. */
const eventId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { message: 'must be an event id as GET /cases/{id}/events shows it' });

/** At most as many ids as one request may reasonably name; the expansion by command adds the rest. */
const MAX_NAMED_EVENTS = 1000;
const namedEventIds = z.array(eventId).min(1).max(MAX_NAMED_EVENTS).refine((ids) => new Set(ids).size === ids.length, { message: 'must not repeat an event id' });

const retraction = {
  eventIds: namedEventIds,
  reason: retractionReason,
  note: safeText(500).optional(),
};

export const retractEvents = z.strictObject({ type: z.literal('RetractEvents'), ...retraction });

/** Any command of the catalogue but a referral: a wrong referral is retracted with the whole case. */
const replacement = caseCommand.refine((c) => c.type !== 'ReferOffender', { message: 'must not be a ReferOffender (retract the case and refer it again)' });

export const correctEvents = z.strictObject({ type: z.literal('CorrectEvents'), ...retraction, replacement });

export const correctionCommand = z.discriminatedUnion('type', [retractEvents, correctEvents]);
export type CorrectionCommand = z.infer<typeof correctionCommand>;
export type RetractEvents = z.infer<typeof retractEvents>;
export type CorrectEvents = z.infer<typeof correctEvents>;

/**
 * Stored: every retracted id (the named ones and the rest of their commands'), in stream order.
 * The note is free text that may name the subject: sealed under the subject's key from schema
 * version 2, clear in version 1 (docs/DOMAIN.md section 13).
 */
export const eventsRetracted = z.strictObject({
  type: z.literal('EventsRetracted'),
  eventIds: z.array(eventId).min(1),
  reason: retractionReason,
  note: z.union([z.string().max(500), sealedValue]).optional(),
});
export type EventsRetracted = z.infer<typeof eventsRetracted>;

export const correctionEvent = z.discriminatedUnion('type', [eventsRetracted]);
export type CorrectionEvent = z.infer<typeof correctionEvent>;

/**
 * Stored forms of correction events. Version 2 of EventsRetracted admits a sealed note; every
 * version-1 form is a version-2 form, and a retraction without a sealed note is still written as
 * version 1.
 */
export const correctionEvents = eventCatalog<CorrectionEvent>(
  correctionEvent,
  { EventsRetracted: 2 },
  { EventsRetracted: { 1: widened } },
  { EventsRetracted: (event) => (isSealedValue(event.note) ? 2 : 1) },
);

/** Everything `POST /cases/{id}/commands` takes: the catalogue of section 4 and the corrections of section 10. */
export const caseStreamCommand = z.discriminatedUnion('type', [...caseCommand.options, retractEvents, correctEvents]);
export type CaseStreamCommand = z.infer<typeof caseStreamCommand>;

export const isCorrection = (command: CaseStreamCommand): command is CorrectionCommand =>
  command.type === 'RetractEvents' || command.type === 'CorrectEvents';
