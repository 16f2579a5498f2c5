import { z } from 'zod';
import { areaCode } from '../shared/areas.js';
import { eventCatalog, widened } from '../shared/event-versioning.js';
import { isSealedValue, sealedValue } from '../shared/sealed.js';
import { storedReportingYear } from '../shared/reporting-year.js';
import { safeText } from '../shared/safe-text.js';

/** The return formats a submission can be made in (docs/DOMAIN.md section 7). */
export const submittedFormat = z.enum(['2008', '2015', '2024']);

/** A return's figures as submitted: row id, then cell name, then the figure (null: not available). */
export const submittedCells = z.record(z.string().min(1).max(16), z.record(z.string().min(1).max(200), z.number().nullable()));
export type SubmittedCells = z.infer<typeof submittedCells>;

/**
 * An area's annual return as an analyst submitted it (docs/DOMAIN.md section 11), in the area's own
 * stream `mappa-returns-<area>`. `knownAt` is the instant the figures were folded as known at,
 * so `GET /returns/{year}?knownAt=` gives them again; `digest` is the sha256 (hex) of the
 * canonical JSON of the return's rows, which a reproduction must match.
 */
export const returnSubmitted = z.strictObject({
  type: z.literal('ReturnSubmitted'),
  submissionId: z.uuid(),
  reportingYear: storedReportingYear,
  area: areaCode,
  format: submittedFormat,
  knownAt: z.iso.datetime(),
  cells: submittedCells,
  digest: z.string().regex(/^[0-9a-f]{64}$/),
  /** Free text: sealed under the area's returns key from schema version 2, clear in version 1 (docs/DOMAIN.md section 13). */
  note: z.union([z.string().min(1).max(500), sealedValue]).optional(),
});
export type ReturnSubmitted = z.infer<typeof returnSubmitted>;

/** What an analyst sends to submit a return (the wire format). */
export const submissionRequest = z.strictObject({
  area: areaCode,
  format: submittedFormat.optional(),
  note: safeText(500).optional(),
});

export const returnEvent = z.discriminatedUnion('type', [returnSubmitted]);
export type ReturnEvent = z.infer<typeof returnEvent>;

/** Version 2 of ReturnSubmitted admits a sealed note; a submission without one is still written as version 1. */
export const returnEvents = eventCatalog<ReturnEvent>(
  returnEvent,
  { ReturnSubmitted: 2 },
  { ReturnSubmitted: { 1: widened } },
  { ReturnSubmitted: (event) => (isSealedValue(event.note) ? 2 : 1) },
);
