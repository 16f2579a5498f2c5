import { areasChangedBy, areasOnDates } from '../../domain/case/areas-changed.js';
import { prefixOn } from '../../domain/case/check-timeline.js';
import type { CorrectionCommand, EventsRetracted } from '../../domain/case/corrections.js';
import type { CaseEvent } from '../../domain/case/events.js';
import type { OpenedSubject } from '../../domain/case/subject.js';
import { decideCorrection, decideRetraction, standingTimeline } from '../../domain/case/retraction.js';
import type { BusinessDate } from '../../domain/shared/business-date.js';
import type { Covers } from './area-policy.js';
import type { LoadedCase } from './loaded-case.js';
import type { HandledCommand } from './outcome.js';

type CorrectionRuling = { readonly ok: false; readonly answer: HandledCommand } | { readonly ok: true; readonly events: readonly (EventsRetracted | CaseEvent)[] };

const notPermitted: CorrectionRuling = { ok: false, answer: { kind: 'area-not-permitted', reason: 'areas-changed', replayed: false } };

/**
 * A retraction or correction on a case the caller sees (docs/DOMAIN.md section 10): decided on
 * the case's recorded events, then the caller must cover the area the case had on the date of
 * every event it retracts, and, for a correction, every area the replacement changes.
 */
export function ruleCorrection(command: CorrectionCommand, loaded: LoadedCase, covers: Covers, today: BusinessDate, subject?: OpenedSubject): CorrectionRuling {
  const decision = command.type === 'CorrectEvents' ? decideCorrection(command, loaded.records, today, subject) : decideRetraction(command, loaded.records);
  if (!decision.ok) return { ok: false, answer: { kind: 'refused', ...decision.error, replayed: false } };
  const retraction = 'retraction' in decision.value ? decision.value.retraction : decision.value;
  const gone = new Set(retraction.eventIds);
  const dates = loaded.records.flatMap((r) => (gone.has(r.eventId) && r.event.type !== 'EventsRetracted' ? [r.event.occurredOn] : []));
  if (![...areasOnDates(loaded.timeline, dates)].every(covers)) return notPermitted;
  if (!('replacement' in decision.value) || command.type !== 'CorrectEvents') return { ok: true, events: [retraction] };
  const corrected = standingTimeline(loaded.records.filter((r) => !gone.has(r.eventId)));
  const on = prefixOn(corrected, command.replacement.occurredOn).state;
  if (on !== null && !areasChangedBy(command.replacement, corrected, on).every(covers)) return notPermitted;
  return { ok: true, events: [retraction, ...decision.value.replacement] };
}
