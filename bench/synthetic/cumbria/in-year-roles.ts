import { addDays, minDate } from '../../../src/domain/shared/business-date.js';
import type { Agenda } from '../agenda.js';
import type { CaseHistory } from '../case-history.js';
import type { Rng } from '../prng.js';
import { HISTORY_END, SNAPSHOT, YEAR_START } from './calendar.js';

/**
 * What a registered offender who stays in Cumbria and stays registered may also do around the
 * reporting year: the civil-order and notification-breach activity of R10 and R11-R13.
 */
export type InYearRole =
  | 'sopo-granted'
  | 'sopo-interim-granted'
  | 'sopo-refused'
  | 'sopo-pending-granted-after'
  | 'sopo-pending-refused-after'
  | 'sopo-pending'
  | 'sopo-applied-last-year'
  | 'notification-breach'
  | 'fto-after-year';

/** Five years, or no end (until further order), as courts made them. */
const orderEnds = (r: Rng, on: string) => (r.chance(0.5) ? addDays(on, 5 * 365) : undefined);

export function scheduleRole(agenda: Agenda, h: CaseHistory, r: Rng, role: InYearRole): void {
  let orderId = '';
  const apply = (on: string, type: 'SOPO' | 'FTO' = 'SOPO') => agenda.at(on, () => (orderId = h.applyForOrder(on, type)));
  switch (role) {
    case 'sopo-granted': {
      const applied = r.dateBetween(YEAR_START, '2009-02-15');
      const granted = addDays(applied, r.int(14, 40));
      apply(applied);
      agenda.at(granted, () => h.fullOrder(granted, orderId, orderEnds(r, granted)));
      return;
    }
    case 'sopo-interim-granted': {
      // An interim order while the full hearing is awaited (SOA 2003 s.109).
      const applied = r.dateBetween(YEAR_START, '2008-12-31');
      const interim = addDays(applied, r.int(1, 7));
      const granted = addDays(interim, r.int(28, 70));
      apply(applied);
      agenda.at(interim, () => h.interimOrder(interim, orderId));
      agenda.at(granted, () => h.fullOrder(granted, orderId, orderEnds(r, granted)));
      return;
    }
    case 'sopo-refused': {
      const applied = r.dateBetween(YEAR_START, '2009-02-15');
      const refused = addDays(applied, r.int(14, 40));
      apply(applied);
      agenda.at(refused, () => h.refuseOrder(refused, orderId));
      return;
    }
    case 'sopo-pending-granted-after':
    case 'sopo-pending-refused-after': {
      const applied = r.dateBetween('2009-01-10', SNAPSHOT);
      const decided = r.dateBetween('2009-04-01', '2009-07-31');
      apply(applied);
      agenda.at(decided, () => (role === 'sopo-pending-refused-after' ? h.refuseOrder(decided, orderId) : h.fullOrder(decided, orderId, orderEnds(r, decided))));
      return;
    }
    case 'sopo-pending':
      apply(r.dateBetween('2009-02-01', SNAPSHOT));
      return;
    case 'sopo-applied-last-year': {
      const applied = r.dateBetween('2008-01-10', '2008-03-20');
      const granted = r.dateBetween(YEAR_START, '2008-06-30');
      apply(applied);
      agenda.at(granted, () => h.fullOrder(granted, orderId, orderEnds(r, granted)));
      return;
    }
    case 'notification-breach': {
      const first = r.dateBetween(YEAR_START, '2008-12-31');
      const late = r.chance(0.25) ? { late: r.int(15, 45) } : {};
      agenda.at(first, () => h.notificationBreach(first, r.pick(['caution', 'conviction'] as const), late));
      // A second breach in the same year: R10 counts the offender once.
      if (r.chance(0.3)) {
        const second = r.dateBetween(addDays(first, 20), '2009-03-20');
        agenda.at(second, () => h.notificationBreach(second, 'conviction'));
      }
      return;
    }
    case 'fto-after-year': {
      const applied = r.dateBetween('2009-05-01', '2009-08-31');
      const granted = minDate(HISTORY_END, addDays(applied, r.int(20, 40)));
      apply(applied, 'FTO');
      // Foreign travel orders then lasted at most six months (SOA 2003 s.117).
      agenda.at(granted, () => h.fullOrder(granted, orderId, addDays(granted, 182)));
      return;
    }
  }
}
