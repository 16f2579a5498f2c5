import type { AreaCode } from '../shared/areas.js';
import type { BusinessDate } from '../shared/business-date.js';
import type { CaseCommand } from './commands.js';
import { evolve } from './evolve-case.js';
import type { Case, CaseState } from './state.js';
import { caseOn, type Timeline } from './timeline.js';

/**
 * The areas whose records a command on an existing case changes, so that a caller may be held to
 * covering each of them: the area that managed the case at the end of the command's date (its
 * events count there), and for a serious further offence the area of its offence date, where the
 * return counts the charge and, later, its outcome (a death resolves every open charge). The area
 * managing the case now is not among them: whoever issues a command must be able to see the case
 * anyway. `onDate` is the case at the end of `occurredOn`.
 */
export function areasChangedBy(command: Exclude<CaseCommand, { type: 'ReferOffender' }>, timeline: Timeline, onDate: Case): AreaCode[] {
  const areas = new Set<AreaCode>([onDate.area]);
  const addAreaOn = (date: BusinessDate) => {
    const then = caseOn(timeline, date);
    if (then !== null) areas.add(then.area);
  };
  switch (command.type) {
    case 'ChargeSeriousFurtherOffence':
      addAreaOn(command.offenceDate);
      break;
    case 'RecordSeriousFurtherOffenceOutcome': {
      const charge = onDate.charges.find((c) => c.chargeId === command.chargeId);
      if (charge !== undefined) addAreaOn(charge.offenceDate);
      break;
    }
    case 'RecordDeath':
      for (const charge of onDate.charges) if (charge.outcome === null) addAreaOn(charge.offenceDate);
      break;
    default:
      // Every other command's events count on its own date only.
      break;
  }
  return [...areas];
}

/**
 * The areas that managed the case at the end of each of these dates, in one walk through the
 * timeline however many dates there are (a retraction of a whole long case names every event's).
 */
export function areasOnDates(timeline: Timeline, dates: Iterable<BusinessDate>): Set<AreaCode> {
  const areas = new Set<AreaCode>();
  let state: CaseState = null;
  let next = 0;
  for (const date of [...new Set(dates)].sort()) {
    while (next < timeline.length && timeline[next]!.event.occurredOn <= date) state = evolve(state, timeline[next++]!.event);
    if (state !== null) areas.add(state.area);
  }
  return areas;
}
