import { CaseHistory, type CaseScript } from './case-history.js';
import { HISTORY_END } from './cumbria/calendar.js';
import {
  dangerousAtLevel2, dangerousClosedBeforeYear, dangerousLeavesInYear, dangerousReferredAfterYear,
} from './cumbria/dangerous-offenders.js';
import type { InYearRole } from './cumbria/in-year-roles.js';
import { CUMBRIA_UNITS } from './cumbria/places.js';
import {
  rsoAtLevel2, rsoAtLevel3, rsoLeavesAtLevel2, rsoOrderBreachToCustody, rsoRaisedToLevel3, rsoRecalledAtLevel2, rsoSteppedDownInYear,
} from './cumbria/registered-at-level-2-or-3.js';
import {
  rsoConvictedWithOrder, rsoForeignTravelOrder, rsoInCommunity, rsoNotificationOrder, rsoOrderBreachAtLevel1, rsoRecalledAtLevel1,
} from './cumbria/registered-in-community.js';
import {
  rsoBreachThenCustody, rsoBreachThenTransferredOut, rsoChargedAtLevel1, rsoGone, rsoInCustodyAtSnapshot, rsoLapsed, rsoReferredAfterYear,
} from './cumbria/registered-not-in-snapshot.js';
import {
  violentAtLevel2, violentChargedAfterYear, violentChargedAtLevel2Earlier, violentDiedBeforeYear, violentExpiredBeforeYear,
  violentInCommunity, violentInCustodyAtSnapshot, violentLeavesAtLevel2, violentLevel3BeforeYear, violentLicenceEndsAtLevel2,
  violentRecalledAtLevel2, violentReferredAfterYear, violentReopened, violentSteppedDownInYear,
} from './cumbria/violent-offenders.js';
import { rng, type Rng } from './prng.js';

export const CUMBRIA_SEED = 20090331;

/**
 * Cumbria's MAPPA caseload from 2001 to September 2009, built to match the 2008-09 annual
 * report (tests/fixtures/reports/mappa-annual-report-2009-cumbria.txt). The composition below is decided first:
 * how many people there are in each situation that the counting rules distinguish. Each
 * story then draws a life consistent with its situation (dates, sentences, notification
 * periods, moves, meetings, orders), and the figures follow from the rules applied to those
 * lives: nothing here writes a count. A story names in its comment what it contributes.
 */
type Story = (h: CaseHistory, r: Rng, unit: () => string) => void;
type Part = readonly [count: number, story: Story];

/** R01 cat1 by unit on 31 March, as R08 reports it: North 123, South 83, West 84 (290). */
const SNAPSHOT_UNITS: Readonly<Record<(typeof CUMBRIA_UNITS)[number], number>> = { 'North BCU': 123, 'South BCU': 83, 'West BCU': 84 };

const inCommunity = (role?: InYearRole): Story => (h, r, unit) => rsoInCommunity(h, r, { unit: unit(), ...(role && { role }) });

const COMPOSITION: readonly Part[] = [
  // R01 cat1 = 290: 2 at level 3, 14 at level 2, 274 at level 1 (10 of them stepped down in the year).
  [1, (h, r, unit) => rsoRaisedToLevel3(h, r, { unit: unit() })],
  [1, (h, r, unit) => rsoAtLevel3(h, r, { unit: unit() })],
  [4, (h, r, unit) => rsoAtLevel2(h, r, { unit: unit(), variant: 'all-year' })],
  [2, (h, r, unit) => rsoAtLevel2(h, r, { unit: unit(), variant: 'all-year', role: 'sopo-granted' })],
  [1, (h, r, unit) => rsoAtLevel2(h, r, { unit: unit(), variant: 'all-year', role: 'sopo-refused' })],
  [1, (h, r, unit) => rsoAtLevel2(h, r, { unit: unit(), variant: 'all-year', role: 'notification-breach' })],
  [3, (h, r, unit) => rsoAtLevel2(h, r, { unit: unit(), variant: 'from-in-year' })],
  [2, (h, r, unit) => rsoAtLevel2(h, r, { unit: unit(), variant: 'new-referral-in-year' })],
  [1, (h, r, unit) => rsoAtLevel2(h, r, { unit: unit(), variant: 'transferred-in-in-year' })],
  [10, (h, r, unit) => rsoSteppedDownInYear(h, r, { unit: unit() })],
  [217, inCommunity()],
  // R11 SOPOs in the year: 35 applications (19 + 2 above granted, 1 via an interim order, 6
  // refused, 9 undecided on 31 March), 25 full orders (those 20, 3 applied for the year before,
  // 2 made on conviction). R10: 5 here, 1 above, 2 below.
  [17, inCommunity('sopo-granted')],
  [1, inCommunity('sopo-interim-granted')],
  [5, inCommunity('sopo-refused')],
  [6, inCommunity('sopo-pending-granted-after')],
  [2, inCommunity('sopo-pending-refused-after')],
  [1, inCommunity('sopo-pending')],
  [3, inCommunity('sopo-applied-last-year')],
  [5, inCommunity('notification-breach')],
  [1, inCommunity('fto-after-year')],
  [2, (h, r, unit) => rsoRecalledAtLevel1(h, r, { unit: unit() })],
  [1, (h, r, unit) => rsoOrderBreachAtLevel1(h, r, { unit: unit() })],
  [1, (h, r, unit) => rsoConvictedWithOrder(h, r, { unit: unit(), custody: false })],
  [1, (h, r, unit) => rsoNotificationOrder(h, r, { unit: unit() })],
  [1, (h, r, unit) => rsoForeignTravelOrder(h, r, { unit: unit() })],

  // R02 cat1 = 34: the 14 at level 2, the one raised to level 3 and the 10 stepped down above, and 9 not in R01:
  [3, (h, r) => rsoRecalledAtLevel2(h, r)], // R04 level 2
  [1, (h, r) => rsoOrderBreachToCustody(h, r, { level: 2 })], // R05 level 2
  [1, (h, r) => rsoLeavesAtLevel2(h, r, { how: 'transferred-out' })],
  [2, (h, r) => rsoLeavesAtLevel2(h, r, { how: 'remanded' })],
  [1, (h, r) => rsoLeavesAtLevel2(h, r, { how: 'died' })],
  [1, (h, r) => rsoLeavesAtLevel2(h, r, { how: 'lapsed' })],
  // R03 cat1 = 3: the two at level 3 above and one in prison on 31 March.
  [1, (h, r) => rsoOrderBreachToCustody(h, r, { level: 3 })], // R05 level 3

  // R01 cat2 = 49 and R02 cat2 = 24.
  [6, (h, r) => violentAtLevel2(h, r, { from: 'before-year' })],
  [3, (h, r) => violentAtLevel2(h, r, { from: 'in-year' })],
  [2, (h, r) => violentRecalledAtLevel2(h, r, { releasedAgainBySnapshot: true })], // R04 level 2
  [5, (h, r) => violentRecalledAtLevel2(h, r, { releasedAgainBySnapshot: false })], // R04 level 2
  [3, (h, r) => violentSteppedDownInYear(h, r)],
  [3, (h, r) => violentLicenceEndsAtLevel2(h, r)],
  [1, (h, r) => violentLeavesAtLevel2(h, r, { how: 'transferred-out' })],
  [1, (h, r) => violentLeavesAtLevel2(h, r, { how: 'remanded' })],
  [34, (h, r) => violentInCommunity(h, r)],
  [1, (h, r) => violentReopened(h, r)],

  // R01 cat3 = 2 and R02 cat3 = 10.
  [2, (h, r) => dangerousAtLevel2(h, r)],
  [3, (h, r) => dangerousLeavesInYear(h, r, { how: 'risk-reduced' })],
  [2, (h, r) => dangerousLeavesInYear(h, r, { how: 'remanded' })],
  [1, (h, r) => dangerousLeavesInYear(h, r, { how: 'transferred-out' })],
  [1, (h, r) => dangerousLeavesInYear(h, r, { how: 'died' })],
  [1, (h, r) => dangerousLeavesInYear(h, r, { how: 'left-jurisdiction' })],

  // Counted elsewhere or not at all in 2008-09: R10 and R11 cases not in R01, other years' cases.
  [1, (h, r) => rsoBreachThenCustody(h, r)],
  [1, (h, r) => rsoBreachThenTransferredOut(h, r)],
  [1, (h, r) => rsoConvictedWithOrder(h, r, { unit: r.pick(CUMBRIA_UNITS), custody: true })],
  [1, (h, r) => rsoChargedAtLevel1(h, r)],
  [28, (h, r) => rsoInCustodyAtSnapshot(h, r)],
  [110, (h, r) => rsoLapsed(h, r, { when: 'before-year' })],
  [12, (h, r) => rsoLapsed(h, r, { when: 'in-year' })],
  [6, (h, r) => rsoGone(h, r, { how: 'died', when: 'before-year' })],
  [3, (h, r) => rsoGone(h, r, { how: 'died', when: 'in-year' })],
  [9, (h, r) => rsoGone(h, r, { how: 'transferred-out', when: 'before-year' })],
  [3, (h, r) => rsoGone(h, r, { how: 'transferred-out', when: 'in-year' })],
  [6, (h, r) => rsoReferredAfterYear(h, r)],
  [1, (h, r) => rsoReferredAfterYear(h, r, { notificationOrder: true })],
  [16, (h, r) => violentInCustodyAtSnapshot(h, r)],
  [60, (h, r) => violentExpiredBeforeYear(h, r)],
  [1, (h, r) => violentLevel3BeforeYear(h, r)],
  [2, (h, r) => violentDiedBeforeYear(h, r)],
  [1, (h, r) => violentChargedAtLevel2Earlier(h, r)],
  [1, (h, r) => violentChargedAfterYear(h, r)],
  [4, (h, r) => violentReferredAfterYear(h, r)],
  [4, (h, r) => dangerousClosedBeforeYear(h, r)],
  [1, (h, r) => dangerousReferredAfterYear(h, r)],
];

/** Every case's commands, in the order of their case ids; the same seed gives the same history. */
export function cumbriaHistory(seed = CUMBRIA_SEED): CaseScript[] {
  const root = rng(seed);
  const units = root.fork('units').shuffle(Object.entries(SNAPSHOT_UNITS).flatMap(([unit, n]) => Array.from({ length: n }, () => unit)));
  const nextUnit = () => {
    const unit = units.pop();
    if (unit === undefined) throw new Error('the composition has more category-1 cases in the community on 31 March than R08 reports');
    return unit;
  };
  // Case ids are shuffled so that an id says nothing of its story.
  const stories = root.fork('order').shuffle(COMPOSITION.flatMap(([count, story]) => Array.from({ length: count }, () => story)));
  const scripts = stories.map((story, i) => {
    const caseId = `cumbria-${String(i + 1).padStart(4, '0')}`;
    const h = new CaseHistory(caseId, root.fork(caseId), HISTORY_END);
    story(h, root.fork(`${caseId}/life`), nextUnit);
    return h.script();
  });
  if (units.length > 0) throw new Error(`the composition leaves ${units.length} of R08's category-1 cases without a story`);
  return scripts;
}
