import { z } from 'zod';

/**
 * Characters no label a person types needs, refused in every free-text field of the wire format:
 * control characters (CR, LF, NUL...) and line or paragraph separators, which break a line of a
 * log, a CSV cell or a report; bidirectional marks, embeddings, overrides and isolates
 * (U+061C, U+200E-U+200F, U+202A-U+202E, U+2066-U+2069), which make text display in another
 * order than it is stored; and unpaired surrogates, which are not Unicode text at all.
 */
const UNSAFE = /[\p{Cc}\p{Cs}\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

export const SAFE_TEXT_RULE = 'must be one line of text without control, bidirectional or unpaired surrogate characters';

/** Whether a label is safe to show to another person as it is written. */
export function isSafeLabelText(value: string): boolean {
  return !UNSAFE.test(value);
}

/** Safe label text of 1 to `max` characters: subject references, local units, a population's source, a reader's purpose. */
export const safeText = (max: number) => z.string().min(1).max(max).refine(isSafeLabelText, { message: SAFE_TEXT_RULE });
