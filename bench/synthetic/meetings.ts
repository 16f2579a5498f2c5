import { addDays, type BusinessDate } from '../../src/domain/shared/business-date.js';
import type { Agenda } from './agenda.js';
import type { CaseHistory } from './case-history.js';
import type { Rng } from './prng.js';

/**
 * Management at level 2 or 3 through MAPP meetings: a first meeting on `from` (which moves the
 * case to the level), then reviews every 10 to 16 weeks while they fall before `until` and
 * within the history. Each meeting is its own step, so other events of the case interleave.
 */
export function scheduleMeetings(
  agenda: Agenda,
  h: CaseHistory,
  r: Rng,
  spell: { readonly from: BusinessDate; readonly until: BusinessDate; readonly level: 2 | 3; readonly kind?: 'initial' | 'review' | 'emergency' },
): void {
  agenda.at(spell.from, () => h.meeting(spell.from, spell.level, spell.kind ?? 'initial'));
  for (let on = addDays(spell.from, r.int(70, 112)); on < spell.until && on <= h.end; on = addDays(on, r.int(70, 112))) {
    const day = on;
    agenda.at(day, () => h.meeting(day, spell.level, 'review'));
  }
}

/** A spell at level 2 or 3 that a review meeting ends on `until`, back to level 1. */
export function scheduleSpellEndingOn(agenda: Agenda, h: CaseHistory, r: Rng, spell: { readonly from: BusinessDate; readonly until: BusinessDate; readonly level: 2 | 3 }): void {
  scheduleMeetings(agenda, h, r, spell);
  agenda.at(spell.until, () => h.stepDownToLevel1(spell.until));
}
